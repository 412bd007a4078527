// An event's details as the host writes them: cleaned like all text on the event, times in order.
import { describe, expect, it } from 'vitest';
import { TEXT_MAX } from '../../../src/lib/domain/limits';
import { cleanEventDetails } from '../../../src/lib/domain/qa/event';

describe('event details', () => {
	it('cleans the title and description and keeps the times', () => {
		expect(
			cleanEventDetails({
				title: '  6·16\u202e 专家云问诊 ',
				description: '直播   <b>答疑</b>\n\n\n下午两点',
				startsAt: 10,
				endsAt: 20
			})
		).toEqual({
			ok: true,
			details: {
				title: '6·16 专家云问诊',
				description: '直播 <b>答疑</b>\n下午两点',
				startsAt: 10,
				endsAt: 20
			}
		});
		expect(cleanEventDetails({ title: '标题' })).toEqual({
			ok: true,
			details: { title: '标题', description: '', startsAt: null, endsAt: null }
		});
	});

	it('refuses an empty or long title, a long description and an end before the start', () => {
		for (const title of ['', '\u200b\u200b', 'x'.repeat(TEXT_MAX.title + 1)]) {
			expect(cleanEventDetails({ title })).toMatchObject({
				ok: false,
				message: expect.stringContaining('标题')
			});
		}
		expect(
			cleanEventDetails({ title: 't', description: 'x'.repeat(TEXT_MAX.description + 1) })
		).toMatchObject({ ok: false, message: expect.stringContaining('简介') });
		expect(cleanEventDetails({ title: 't', startsAt: 20, endsAt: 10 })).toMatchObject({
			ok: false,
			message: '结束时间不能早于开始时间'
		});
	});
});
