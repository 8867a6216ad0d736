/** The result of checking an identifier: the normalised value, or why it is not one. */
export type Validation<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

export const valid = <T>(value: T): Validation<T> => ({ ok: true, value });
export const invalid = <T = never>(reason: string): Validation<T> => ({ ok: false, reason });
