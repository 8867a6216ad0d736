export * from './validation.ts';
export * from './districts.ts';
export * from './uscc.ts';
export * from './catalogue.ts';
export * from './registration-code.ts';
export * from './equipment-code.ts';
export * from './certificate.ts';
