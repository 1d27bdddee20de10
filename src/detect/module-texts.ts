import { sameStamp, stampOf, type FileStamp } from '../file-stamp.js';
import { scanImports, type ScannedImport } from './import-scan.js';
import { readSourceText } from './source-text.js';

/** The text prefilter's verdict on a module: whether it names an accessor, and its imports. */
export interface PrefilterVerdict {
  namesAccessor: boolean;
  imports: readonly ScannedImport[];
}

export interface ModuleTextsOptions {
  /** Whether a text names an accessor (the prefilter). */
  namesAccessor: (text: string) => boolean;
  /** Told of every module whose text is asked for. */
  onRead?: (file: string) => void;
}

/**
 * What is known of a module's text under its stamp. Not the text itself, but for a while: the few
 * questions that need it again read it again, while keeping the texts of the hundreds of modules
 * an import closure reaches cost an ESLint process four times their size in peak memory (V8 grows
 * its heap in proportion to what survives its collections).
 */
interface ModuleText {
  stamp: FileStamp;
  /** False for a module the scanner would skip (too large, binary, minified …): it is unknown here too. */
  readable: boolean;
  /** What the prefilter makes of the text, once asked. */
  verdict?: PrefilterVerdict;
  /** Whether every name it exports is written in it as such (see surelyLacksExport), once asked. */
  writesEveryExport?: boolean;
  /** Names it surely does not export (true) or may (false), once asked. */
  lacks?: Map<string, boolean>;
  /** The text of a module likely to be parsed next (it names an accessor, or may export a name asked for), until `release`. */
  text?: string;
}

/** A module looked at: its entry, and its text when it was read for this look. */
interface Looked {
  entry: ModuleText;
  text?: string;
}

const NOTHING: PrefilterVerdict = { namesAccessor: false, imports: [] };

/** Trivia between two tokens: white space and comments. */
const TRIVIA = String.raw`(?:\s|\/\*[^]*?\*\/|\/\/[^\n\r\u2028\u2029]*)*`;
/** Every text with an `export *` or `export type *` (and some without: it also finds them in strings and comments). */
const MAY_EXPORT_ALL = new RegExp(String.raw`\bexport${TRIVIA}(?:type${TRIVIA})?\*`);

/** The module graph's questions about modules' texts, each answered from a text read once per stamp. */
export class ModuleTexts {
  private readonly entries = new Map<string, ModuleText>();
  /**
   * The stamps taken since the graph last looked again (`lookAgain`): one look at each file per
   * question. ESLint looks again before each file it lints, so an edit saved meanwhile counts; a
   * scan never does, as it reads each file once. Checking a file again within one lint bought
   * nothing but system calls: the first lint after an editor's pause took 1,223 stamps of 857
   * files for unleash-server's widest import closure.
   */
  private stamps = new Map<string, FileStamp | null>();

  constructor(private readonly options: ModuleTextsOptions) {}

  /** A file's stamp, taken once until the next `lookAgain`; null when there is no such file. */
  stampOf(file: string): FileStamp | null {
    let stamp = this.stamps.get(file);
    if (stamp === undefined) {
      stamp = stampOf(file);
      this.stamps.set(file, stamp);
    }
    return stamp;
  }

  /** From now on every file is looked at again: it may have changed since. */
  lookAgain(): this {
    this.stamps = new Map();
    return this;
  }

  /** A module's entry, as known for its stamp (`takenStamp`, when the caller just took it) or read now (undefined: there is no such file). */
  private look(file: string, takenStamp?: FileStamp): Looked | undefined {
    this.options.onRead?.(file);
    const known = this.entries.get(file);
    const stamp = takenStamp ?? this.stampOf(file);
    if (stamp === null) return undefined;
    if (known !== undefined && sameStamp(known.stamp, stamp)) return { entry: known };
    const source = readSourceText(file);
    const entry: ModuleText = { stamp, readable: source.kind === 'text' };
    this.entries.set(file, entry);
    return source.kind === 'text' ? { entry, text: source.text } : { entry };
  }

  /** The text of a module looked at: as read for the look, as kept, or read again. */
  private textOf(file: string, looked: Looked): string | undefined {
    if (looked.text !== undefined || !looked.entry.readable) return looked.text;
    if (looked.entry.text !== undefined) return looked.entry.text;
    const source = readSourceText(file);
    return source.kind === 'text' ? source.text : undefined;
  }

  /** A module's text, to parse (undefined: it cannot be read or is skipped), its stamp just taken. */
  text(file: string, stamp: FileStamp): string | undefined {
    const looked = this.look(file, stamp);
    return looked === undefined ? undefined : this.textOf(file, looked);
  }

  /** Drops a kept text: its module was parsed, or its summary is known. */
  release(file: string): void {
    const entry = this.entries.get(file);
    if (entry !== undefined) delete entry.text;
  }

  /** The prefilter's verdict on a module's text (nothing for a module that cannot be read). */
  verdict(file: string): PrefilterVerdict {
    const looked = this.look(file);
    if (looked === undefined || !looked.entry.readable) return NOTHING;
    const { entry } = looked;
    if (entry.verdict === undefined) {
      const text = this.textOf(file, looked);
      entry.verdict = text === undefined ? NOTHING : { namesAccessor: this.options.namesAccessor(text), imports: scanImports(text) };
      if (entry.verdict.namesAccessor) entry.text = text;
    }
    return entry.verdict;
  }

  /**
   * Whether a module surely exports nothing named `name`, seen from its text alone, so that
   * finding a name through a barrel's `export *` parses only the modules that can have it. A
   * module's export names are written in it (identifiers and strings; escaped only with a
   * backslash), and one that re-exports no module wholesale exports nothing else.
   */
  surelyLacksExport(file: string, name: string): boolean {
    const looked = this.look(file);
    if (looked === undefined || !looked.entry.readable || looked.entry.writesEveryExport === false) return false;
    const { entry } = looked;
    let lacks = entry.lacks?.get(name);
    if (lacks === undefined) {
      const text = this.textOf(file, looked);
      if (text === undefined) return false;
      entry.writesEveryExport ??= !text.includes('\\') && !MAY_EXPORT_ALL.test(text);
      lacks = entry.writesEveryExport && !text.includes(name);
      (entry.lacks ??= new Map()).set(name, lacks);
      // It may export the name: it is parsed next, unless it was before (see release).
      if (!lacks) entry.text = text;
    }
    return lacks;
  }
}
