// Closing a Redis client at shutdown: graceful when the replies come, and bounded when a
// partition left a command without one (the connection is then dropped, the process can stop).
import { describe, expect, it } from 'vitest';
import { closeRedis } from '../../src/lib/server/live/redis-base';

function fakeClient(quit: () => Promise<unknown>) {
	const client = { destroyed: false, quit, destroy: () => void (client.destroyed = true) };
	return client;
}

describe('closeRedis', () => {
	it('quits gracefully when the replies come', async () => {
		const client = fakeClient(async () => 'OK');
		await closeRedis(client, 1000);
		expect(client.destroyed).toBe(false);
	});

	it('drops the connection when a reply never comes', async () => {
		const client = fakeClient(() => new Promise(() => {}));
		await closeRedis(client, 20);
		expect(client.destroyed).toBe(true);
	});

	it('treats a quit that fails (the connection already gone) as closed', async () => {
		const client = fakeClient(async () => {
			throw new Error('The client is closed');
		});
		await closeRedis(client, 1000);
		expect(client.destroyed).toBe(false);
	});
});
