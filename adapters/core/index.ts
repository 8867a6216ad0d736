export * from './errors.ts';
export * from './calls.ts';
export * from './http.ts';
