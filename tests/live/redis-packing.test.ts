// Packed lists (redis-packing.ts): what the server packs, the Lua scripts split into the same
// values, and what they pack comes back as the values they held, empty ones and JSON included.
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	FIELD_SEPARATOR,
	LUA_FIELDS,
	LUA_PACKED,
	pack,
	unpack
} from '../../src/lib/server/live/redis-packing';
import { redacted, redisAvailable, REQUIRE_SERVICES } from '../support/services';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

// A nickname with every kind of character a phone might send, the separator among them.
const awkward = JSON.stringify({ nickname: `安全\x1f小卫士\u0000"\\\n😀`, choices: [0, 2] });
const samples: (string | number)[][] = [
	['p1', 1700000000123, '{"choices":[1]}'],
	['', 'a', ''],
	['', ''],
	['p2', awkward, -1.5e21, 0]
];

describe('pack / unpack', () => {
	it.each(samples)('gives back the values it packed: %j', (...values) => {
		expect(unpack(pack(values))).toEqual(values.map(String));
	});

	it('packs the empty list as the empty string, and unpacks it so', () => {
		expect(pack([])).toBe('');
		expect(unpack('')).toEqual([]);
	});

	it('cannot tell a lone empty value from no value (no caller packs one)', () => {
		expect(unpack(pack(['']))).toEqual([]);
	});

	it('leaves JSON alone: JSON escapes the separator', () => {
		expect(awkward).not.toContain(FIELD_SEPARATOR);
		expect(JSON.parse(unpack(pack(['x', awkward]))[1]!)).toEqual(JSON.parse(awkward));
	});

	it('refuses a value holding the separator rather than shift the fields after it', () => {
		expect(() => pack(['p1', `a${FIELD_SEPARATOR}b`, 'c'])).toThrow(/separator/);
	});
});

const up = await redisAvailable(REDIS_URL);
if (!up && !REQUIRE_SERVICES)
	process.stderr.write(`[skip] Redis not reachable at ${redacted(REDIS_URL)}: packing suite\n`);

describe.skipIf(!up && !REQUIRE_SERVICES)('the Lua side, on a real Redis', () => {
	const client = createClient({ url: REDIS_URL });
	beforeAll(async () => {
		await client.connect();
	});
	afterAll(async () => {
		await client.quit();
	});

	// Splits ARGV[1] with fields(), reports how many values it found, and packs them again.
	const ROUND_TRIP = `${LUA_FIELDS}${LUA_PACKED}
local t = fields(ARGV[1])
local n = #t
table.insert(t, 1, tostring(n))
return packed(t)
`;

	it.each([...samples, []])('splits and packs what the server packed: %j', async (...values) => {
		const reply = (await client.eval(ROUND_TRIP, { arguments: [pack(values)] })) as string;
		const [count, ...back] = unpack(reply);
		expect(Number(count)).toBe(values.length);
		expect(back).toEqual(values.map(String));
	});

	it('packs a missing hash field (false in Lua) as an empty value', async () => {
		const key = `anda:test:packing:${process.pid}`;
		await client.hSet(key, { a: '1', c: '3' });
		const script = `${LUA_PACKED}
return packed(redis.call('HMGET', KEYS[1], 'a', 'b', 'c'))`;
		try {
			expect(unpack((await client.eval(script, { keys: [key] })) as string)).toEqual([
				'1',
				'',
				'3'
			]);
		} finally {
			await client.del(key);
		}
	});
});
