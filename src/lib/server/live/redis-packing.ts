// Many small values crossing to Redis as one string. node-redis encodes every argument of a command
// as its own chunk and decodes every item of a reply as its own string (or map entry); for a batch
// of 500 answers or a question's 10,000 standings that per-item work, and its garbage, is most of
// what the client spends. A packed list is the values joined by one separator: one argument out,
// one bulk string back, split by the script (`LUA_FIELDS`) or here.
//
// The separator is the unit separator U+001F. JSON escapes every control character, and ids,
// numbers and refusal codes never hold one, so no value of ours contains it; pack() still checks,
// since a value that did would shift every field after it.

export const FIELD_SEPARATOR = '\x1f';

/** The values as one string. Values are strings or numbers; '' is a value too. */
export function pack(values: readonly (string | number)[]): string {
	for (const v of values) {
		if (typeof v === 'string' && v.includes(FIELD_SEPARATOR))
			throw new Error('a packed value holds the field separator');
	}
	return values.join(FIELD_SEPARATOR);
}

/**
 * The values of a packed string. '' is the empty list, so a list of one empty value cannot be
 * carried; no caller packs one (every record starts with an id, every reply value is non-empty).
 */
export function unpack(packed: string): string[] {
	return packed === '' ? [] : packed.split(FIELD_SEPARATOR);
}

/**
 * Lua: `fields(s)` → the values of a packed string, as pack() joined them ('' → none). One pass of
 * plain finds; Redis's cost is a few hundred ns per value, against the client's microseconds.
 */
export const LUA_FIELDS = `
local function fields(s)
	local out, n, from = {}, 0, 1
	if s == '' then return out end
	while true do
		local at = string.find(s, '\\31', from, true)
		n = n + 1
		if not at then
			out[n] = string.sub(s, from)
			return out
		end
		out[n] = string.sub(s, from, at - 1)
		from = at + 1
	end
end
`;

/** Lua: `packed(t)` → the array's values joined as pack() joins them (false, a nil, as ''). */
export const LUA_PACKED = `
local function packed(t)
	for i = 1, #t do
		if t[i] == false then t[i] = '' end
	end
	return table.concat(t, '\\31')
end
`;
