/** Where JSON text stops being JSON (0-based offset) and what was expected there. */
export interface JsonSyntaxError {
  offset: number;
  message: string;
}

type Expected = 'value' | 'value-or-close' | 'value-after-comma' | 'key-or-close' | 'key-after-comma' | 'colon' | 'comma-or-close' | 'end';

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERAL = /true|false|null/y;
const ESCAPE = /\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/y;

/**
 * The first place `text` breaks JSON's grammar, for a message. JSON.parse says where only in some
 * Node versions, and quotes the text around the spot ("Unexpected token 'h', "https://x-"... is
 * not valid JSON"); a config file can be a link to any file, a credentials file too, so the
 * message here says what was expected and quotes nothing. Undefined when the text is JSON.
 * Iterative: a file of a million `[` takes no stack.
 */
export function jsonSyntaxError(text: string): JsonSyntaxError | undefined {
  const open: ('}' | ']')[] = [];
  let expected = 'value' as Expected;
  let at = 0;
  const fail = (message: string): JsonSyntaxError => ({ offset: at, message });
  const afterValue = () => {
    expected = open.length === 0 ? 'end' : 'comma-or-close';
  };
  for (;;) {
    while (at < text.length && (text[at] === ' ' || text[at] === '\t' || text[at] === '\n' || text[at] === '\r')) at++;
    const character = text[at];
    if (character === undefined) {
      if (expected === 'end') return undefined;
      if (text.trim() === '') return { offset: 0, message: 'the file is empty' };
      return fail('the file ends before the JSON value does');
    }
    switch (expected) {
      case 'end':
        return fail('more text after the end of the JSON value');
      case 'colon':
        if (character !== ':') return fail('expected ":" after the property name');
        at++;
        expected = 'value';
        continue;
      case 'comma-or-close':
        if (character === ',') {
          at++;
          expected = open.at(-1) === '}' ? 'key-after-comma' : 'value-after-comma';
        } else if (character === open.at(-1)) {
          at++;
          open.pop();
          afterValue();
        } else return fail(`expected "," or "${open.at(-1)}"`);
        continue;
      case 'key-or-close':
      case 'key-after-comma':
        if (character === '}' && expected === 'key-or-close') {
          at++;
          open.pop();
          afterValue();
          continue;
        }
        if (character === '}') return fail('a comma before "}": JSON allows none');
        if (character !== '"') return fail('expected a property name in double quotes');
        {
          const problem = skipString();
          if (problem !== undefined) return problem;
        }
        expected = 'colon';
        continue;
      default: {
        if (character === ']' && expected === 'value-or-close') {
          at++;
          open.pop();
          afterValue();
          continue;
        }
        if (character === ']' && expected === 'value-after-comma') return fail('a comma before "]": JSON allows none');
        if (character === '{' || character === '[') {
          at++;
          open.push(character === '{' ? '}' : ']');
          expected = character === '{' ? 'key-or-close' : 'value-or-close';
          continue;
        }
        if (character === '"') {
          const problem = skipString();
          if (problem !== undefined) return problem;
          afterValue();
          continue;
        }
        const token = character === '-' || (character >= '0' && character <= '9') ? NUMBER : LITERAL;
        token.lastIndex = at;
        if (!token.test(text))
          return fail(
            token === NUMBER
              ? 'not a valid number'
              : 'expected a value (a string in double quotes, a number, true, false, null, an object or a list)',
          );
        at = token.lastIndex;
        afterValue();
      }
    }
  }

  /** Moves past the string starting at `at`, or says what is wrong in it. */
  function skipString(): JsonSyntaxError | undefined {
    at++;
    for (;;) {
      const character = text[at];
      if (character === undefined) return fail('a string is not closed');
      if (character === '"') {
        at++;
        return undefined;
      }
      if (character === '\\') {
        ESCAPE.lastIndex = at;
        if (!ESCAPE.test(text)) return fail('an invalid escape in a string');
        at = ESCAPE.lastIndex;
        continue;
      }
      if (character < ' ') return fail('a control character in a string: write it escaped');
      at++;
    }
  }
}
