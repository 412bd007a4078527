// The event table every surface declares into: an event declared by two surfaces would leave one
// of them silently unreachable, so the second declaration fails at start-up.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { EventTable } from '../../src/lib/server/realtime/on';

describe('EventTable', () => {
	it('refuses an event declared twice', () => {
		const events = new EventTable();
		const schema = z.object({ pin: z.string() });
		events.on(
			'player:teams',
			schema as never,
			{ limit: 'lookup' },
			async () => ({ teams: [] }) as never
		);
		expect(() =>
			events.on('player:teams', schema as never, { limit: 'lookup' }, async () => ({}) as never)
		).toThrow('player:teams is declared twice');
	});
});
