import { createModuleResolver, type ResolveModule } from '../detect/module-resolution.js';
import { toPosixRelative } from '../posix-path.js';
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
  private readonly objects = new Map<string, CompiledAccessor[]>();
  private readonly callsOfCallResult = new Map<string, CompiledAccessor[]>();
  private readonly prefilter: Prefilter;
  /** Resolves the imports of the file being matched, made on first use; one object, so every view shares it. */
  private readonly resolver: { resolve?: ResolveModule } = {};
  /** The file being matched, in a view made by `forFile`. */
  readonly file: string | undefined;

  /** `root`: the config file's folder, where accessors' `importModules` are relative to; without it imports compare by text only. */
  constructor(
    readonly accessors: readonly CompiledAccessor[],
    readonly root?: string,
  ) {
    for (const accessor of accessors) {
      const matcher = accessor.matcher;
      if (matcher.type === 'call' && matcher.calleeCall !== undefined)
        add(this.callsOfCallResult, matcher.calleeCall.callee.at(-1) ?? '', accessor);
      else if (matcher.type === 'call') add(this.calls, matcher.callee.at(-1)!, accessor);
      else if (matcher.type === 'member') {
        if (matcher.object.type === 'call') add(this.memberOfCall, matcher.object.callee.at(-1)!, accessor);
        else add(this.members, matcher.object.chain.at(-1)!, accessor);
      } else if (matcher.type === 'jsx') add(this.elements, matcher.element.split('.').at(-1)!, accessor);
      else add(this.objects, Object.keys(matcher.properties)[0]!, accessor);
    }
    this.prefilter = new Prefilter(accessors);
    this.file = undefined;
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
  /** Patterns calling the result of a call named `name` (`useFlagEvaluator()($KEY)`). */
  callsOfCallResultNamed(name: string): readonly CompiledAccessor[] {
    return this.callsOfCallResult.get(name) ?? [];
  }
  /** Object-literal patterns whose first property is `name`. */
  objectsWith(name: string): readonly CompiledAccessor[] {
    return this.objects.get(name) ?? [];
  }
  /** Whether any pattern is an object literal (else object literals need no matching). */
  get hasObjectPatterns(): boolean {
    return this.objects.size > 0;
  }

  /**
   * Whether a file's text can contain a match at all: some pattern has every one of its names in
   * the text. Files that fail this are never parsed by the scanner.
   */
  mayMatch(text: string): boolean {
    return this.prefilter.mayMatch(text);
  }

  /**
   * This index, matching in `file`: an `imports` entry naming a project file then passes an import
   * that resolves to it. A view over the same groups (and the same resolver), made per analysed file.
   */
  forFile(file: string): AccessorIndex {
    const view = Object.create(this) as AccessorIndex;
    Object.defineProperty(view, 'file', { value: file });
    return view;
  }

  /** Whether an import of `source` in the file being matched is one the accessor's `imports` names. */
  importsFrom(accessor: CompiledAccessor, source: string): boolean {
    if (accessor.imports.includes(source)) return true;
    if (accessor.importModules.length === 0 || this.file === undefined || this.root === undefined) return false;
    this.resolver.resolve ??= createModuleResolver(this.root);
    const resolved = this.resolver.resolve(this.file, source);
    return resolved !== undefined && accessor.importModules.includes(toPosixRelative(this.root, resolved));
  }
}
