// Compile-time checks that the small interfaces the adapters accept are still satisfied by
// Electron's own objects. They exist only for the type-checker and emit nothing.

/** `type _X = Expect<Real extends Narrow ? true : false>` fails to compile when Real no longer fits. */
export type Expect<T extends true> = T;
