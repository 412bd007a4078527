// Rules for what people type into account and organisation forms, and reading a value by such a
// rule so that a bad one becomes the AuthError the form shows.
import { z } from 'zod';
import { AuthError } from './errors';

/**
 * A trimmed name of `min`..`max` characters (each bound with its message) without control or
 * invisible formatting characters, which would make one name look like another.
 */
export function visibleName(
	[min, tooShort]: [number, string],
	[max, tooLong]: [number, string],
	invisible = '名称含有不可见字符'
) {
	return z
		.string()
		.trim()
		.min(min, tooShort)
		.max(max, tooLong)
		.refine((s) => !/[\p{Cc}\p{Cf}]/u.test(s), invisible);
}

/** The value `schema` reads from `raw`, or an INVALID_INPUT AuthError with its first message. */
export function parseInput<T>(schema: z.ZodType<T>, raw: unknown): T {
	const r = schema.safeParse(raw);
	if (!r.success) throw new AuthError('INVALID_INPUT', r.error.issues[0]?.message ?? '输入不正确');
	return r.data;
}
