import { Type } from 'typebox';

// Small builders shared by the route schemas.
export const Enum = <const T extends readonly string[]>(values: T) => Type.Unsafe<T[number]>({ enum: [...values] });
export const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
export const Text = (maxLength: number, minLength = 0) => Type.String({ maxLength, minLength });
