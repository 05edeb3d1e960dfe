import type { en } from './en.ts';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

/** The designer's words in one language: the same keys as English, checked by the compiler. */
export type Messages = Shape<typeof en>;
