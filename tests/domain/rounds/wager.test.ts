// 风险题 and 加赛: stakes chosen and changed before the question opens, locked at opening (a team
// that chose none plays at the smallest value), gained when right and lost when wrong or silent;
// the tiebreak is for the teams level on the top score only.
import { describe, expect, it } from 'vitest';
import {
	chooseStake,
	createWagerBook,
	lockStakes,
	settleStakes,
	tiedForFirst,
	type WagerBook
} from '$lib/domain/rounds/wager';

const ok = (r: ReturnType<typeof chooseStake>): WagerBook => {
	if (!r.ok) throw new Error(r.code);
	return r.book;
};

describe('风险题', () => {
	it('takes stakes from the round values until the question opens, then locks them', () => {
		let book = createWagerBook([30, 10, 20]);
		book = ok(chooseStake(book, '安全部', 30));
		book = ok(chooseStake(book, '安全部', 20));
		expect(chooseStake(book, '生产部', 25)).toStrictEqual({ ok: false, code: 'BAD_STAKE' });
		book = lockStakes(book, ['安全部', '生产部', '设备部']);
		expect(book.stakes).toStrictEqual({ 安全部: 20, 生产部: 10, 设备部: 10 });
		expect(chooseStake(book, '生产部', 30)).toStrictEqual({ ok: false, code: 'LOCKED' });
	});

	it('gains the stake when right, loses it when wrong or silent', () => {
		let book = createWagerBook([10, 20, 30]);
		book = ok(chooseStake(book, 'A', 30));
		book = ok(chooseStake(book, 'B', 20));
		book = lockStakes(book, ['A', 'B', 'C']);
		expect(settleStakes(book, { A: true, B: false })).toStrictEqual({ A: 30, B: -20, C: -10 });
		expect(() => settleStakes(createWagerBook([10]), {})).toThrow();
		expect(() => createWagerBook([10, 0])).toThrow(RangeError);
	});
});

describe('加赛', () => {
	it('is among the teams level on the top score only', () => {
		expect(tiedForFirst({ A: 90, B: 90, C: 80, D: 90 })).toStrictEqual(['A', 'B', 'D']);
		expect(tiedForFirst({ A: 90, B: 80, C: 80 })).toStrictEqual([]);
		expect(tiedForFirst({ A: 50 })).toStrictEqual([]);
	});
});
