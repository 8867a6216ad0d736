export * from './calls.ts';
export * from './http.ts';
