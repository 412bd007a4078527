import { afterEach, describe, expect, it, vi } from 'vitest';
import { Batcher } from '../../src/lib/server/kernel/batcher';

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

function recorder<T>() {
	const flushes: [string, T[]][] = [];
	const errors: unknown[] = [];
	return {
		flushes,
		errors,
		flush: (key: string, items: T[]) => void flushes.push([key, items]),
		onError: (e: unknown) => void errors.push(e)
	};
}

describe('Batcher', () => {
	afterEach(() => {
		vi.useRealTimers();
	});

	it('flushes what one turn of the event loop brought, per key, once', async () => {
		const r = recorder<number>();
		const b = new Batcher<number>({ window: 'turn', ...r });
		b.add('a', 1);
		b.add('b', 9);
		b.add('a', 2);
		expect(r.flushes).toEqual([]);
		await turn();
		expect(r.flushes).toEqual([
			['a', [1, 2]],
			['b', [9]]
		]);
		b.add('a', 3);
		await turn();
		expect(r.flushes.at(-1)).toEqual(['a', [3]]);
	});

	it('flushes at once when a batch reaches maxItems', async () => {
		const r = recorder<number>();
		const b = new Batcher<number>({ window: 'turn', maxItems: 3, ...r });
		for (let i = 0; i < 7; i++) b.add('q', i);
		expect(r.flushes).toEqual([
			['q', [0, 1, 2]],
			['q', [3, 4, 5]]
		]);
		await turn();
		expect(r.flushes.at(-1)).toEqual(['q', [6]]);
	});

	it('waits the window in ms before flushing', () => {
		vi.useFakeTimers();
		const r = recorder<string>();
		const b = new Batcher<string>({ window: 250, ...r });
		b.add('pin', 'x');
		vi.advanceTimersByTime(249);
		b.add('pin', 'y');
		expect(r.flushes).toEqual([]);
		vi.advanceTimersByTime(1);
		expect(r.flushes).toEqual([['pin', ['x', 'y']]]);
	});

	it('serial: items arriving during a flush wait for the next one, which follows it', async () => {
		let release: () => void = () => {};
		const seen: number[][] = [];
		const b = new Batcher<number>({
			window: 'turn',
			serial: true,
			flush: async (_key, items) => {
				seen.push(items);
				if (seen.length === 1) await new Promise<void>((resolve) => (release = resolve));
			},
			onError: () => {}
		});
		b.add('k', 1);
		await turn();
		expect(seen).toEqual([[1]]);
		b.add('k', 2);
		b.add('k', 3);
		await turn();
		await turn();
		expect(seen).toEqual([[1]]); // still running: nothing overlaps it
		release();
		await turn();
		await turn();
		expect(seen).toEqual([[1], [2, 3]]);
	});

	it('reports a failing flush and keeps batching', async () => {
		const errors: unknown[] = [];
		const flushed: number[][] = [];
		const b = new Batcher<number>({
			window: 'turn',
			flush: (_key, items) => {
				if (items.includes(0)) throw new Error('store down');
				flushed.push(items);
			},
			onError: (e) => void errors.push(e)
		});
		b.add('k', 0);
		await turn();
		b.add('k', 1);
		await turn();
		await turn();
		expect(errors.map((e) => (e as Error).message)).toEqual(['store down']);
		expect(flushed).toEqual([[1]]);
	});

	it('close drops what waits', async () => {
		const r = recorder<number>();
		const b = new Batcher<number>({ window: 'turn', ...r });
		b.add('k', 1);
		expect(b.pendingKeys).toBe(1);
		b.close();
		b.add('k', 2);
		await turn();
		expect(r.flushes).toEqual([]);
		expect(b.pendingKeys).toBe(0);
	});
});
