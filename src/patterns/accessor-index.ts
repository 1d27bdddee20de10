import { Prefilter } from './prefilter.js';
import type { CompiledAccessor } from './types.js';

function add(map: Map<string, CompiledAccessor[]>, name: string, accessor: CompiledAccessor): void {
  const list = map.get(name);
  if (list) list.push(accessor);
  else map.set(name, [accessor]);
}

/** Accessors grouped by the last name of what they match, so a node is tried only against likely patterns. */
export class AccessorIndex {
  private readonly calls = new Map<string, CompiledAccessor[]>();
  private readonly members = new Map<string, CompiledAccessor[]>();
  private readonly memberOfCall = new Map<string, CompiledAccessor[]>();
  private readonly elements = new Map<string, CompiledAccessor[]>();
  private readonly prefilter: Prefilter;

  constructor(readonly accessors: readonly CompiledAccessor[]) {
    for (const accessor of accessors) {
      const matcher = accessor.matcher;
      if (matcher.type === 'call') add(this.calls, matcher.callee.at(-1)!, accessor);
      else if (matcher.type === 'member') {
        if (matcher.object.type === 'call') add(this.memberOfCall, matcher.object.callee.at(-1)!, accessor);
        else add(this.members, matcher.object.chain.at(-1)!, accessor);
      } else add(this.elements, matcher.element.split('.').at(-1)!, accessor);
    }
    this.prefilter = new Prefilter(accessors);
  }

  callsNamed(name: string): readonly CompiledAccessor[] {
    return this.calls.get(name) ?? [];
  }
  membersOf(name: string): readonly CompiledAccessor[] {
    return this.members.get(name) ?? [];
  }
  membersOfCallNamed(name: string): readonly CompiledAccessor[] {
    return this.memberOfCall.get(name) ?? [];
  }
  elementsNamed(name: string): readonly CompiledAccessor[] {
    return this.elements.get(name) ?? [];
  }

  /**
   * Whether a file's text can contain a match at all: some pattern has every one of its names in
   * the text. Files that fail this are never parsed by the scanner.
   */
  mayMatch(text: string): boolean {
    return this.prefilter.mayMatch(text);
  }
}
