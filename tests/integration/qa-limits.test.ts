// The Q&A limits, each with a clear error and never a silent drop: one question per participant
// per 10 s (across sockets), a burst of votes, new identities per address per event, the event's
// length limit after normalisation, tokens that were not issued for the event, and payloads of
// the wrong shape.
import { describe, expect, it } from 'vitest';
import { ERROR_MESSAGES } from '../../src/lib/protocol';
import { RATE_LIMITS } from '../../src/lib/server/realtime/rate-limits';
import { connect, emitAck, expectFail, expectOk, liveModes } from '../support/server';
import { ask, joinPhone, qaStage } from '../support/qa';

const modes = await liveModes('qa-limits.test.ts');

const IDENTITIES = 5;

describe.each(modes)('Q&A limits with the $name live store', (mode) => {
	describe.skipIf(mode.skip)(`qa limits (${mode.name})`, () => {
		const stage = qaStage(mode, {
			abuse: { qaIdentitiesPerIp: { points: IDENTITIES, durationS: 3600 } }
		});

		it('one question per participant per 10 s, on any of their sockets; a refused one costs no wait', async () => {
			const code = await stage.event({ questionMaxLength: 20 });
			const phone = await joinPhone(stage.server, code);
			// Too long after normalisation: refused with the event's limit, and not charged.
			const long = await emitAck(phone.socket, 'qa:ask', {
				text: '火'.repeat(21),
				name: null,
				label: null
			});
			expectFail(long, 'QA_TEXT_LENGTH');
			if (!long.ok) expect(long.error.message).toBe('问题最多 20 个字');
			// Invisible characters do not count.
			await ask(phone, `${'火'.repeat(20)}${'\u200b'.repeat(30)}`);
			const second = await emitAck(phone.socket, 'qa:ask', {
				text: '第二个问题',
				name: null,
				label: null
			});
			expectFail(second, 'QA_ASK_TOO_FAST');
			if (!second.ok) expect(second.error.message).toMatch(/^提问太频繁，请 \d+ 秒后再试$/);
			// The same identity on another socket is the same participant.
			const other = await connect(stage.server.url);
			expectOk(await emitAck(other, 'qa:resume', { code, token: phone.token }));
			expectFail(
				await emitAck(other, 'qa:ask', { text: '换个连接再问', name: null, label: null }),
				'QA_ASK_TOO_FAST'
			);
			// Another participant is not held back.
			await ask(await joinPhone(stage.server, code), '另一个人的问题');
			const mine = expectOk(await emitAck(other, 'qa:resume', { code, token: phone.token })).mine;
			expect(mine).toHaveLength(1);
		});

		it('a burst of votes beyond the socket’s bucket is refused, each with RATE_LIMITED', async () => {
			const code = await stage.event();
			const asker = await joinPhone(stage.server, code);
			const q = await ask(asker, '点赞上限');
			const voter = await joinPhone(stage.server, code);
			const burst = RATE_LIMITS.qaVote.capacity + 10;
			const acks = await Promise.all(
				Array.from({ length: burst }, (_, i) =>
					emitAck(voter.socket, i % 2 ? 'qa:unvote' : 'qa:vote', { questionId: q.id })
				)
			);
			const limited = acks.filter((a) => !a.ok);
			expect(limited.length).toBeGreaterThanOrEqual(burst - RATE_LIMITS.qaVote.capacity - 2);
			for (const a of limited) expectFail(a, 'RATE_LIMITED');
			expect(acks.length).toBe(burst);
		});

		it(`new identities per address per event: ${IDENTITIES}, then a clear refusal; another event is counted apart`, async () => {
			const code = await stage.event();
			for (let i = 0; i < IDENTITIES; i++) await joinPhone(stage.server, code);
			const s = await connect(stage.server.url);
			const res = await emitAck(s, 'qa:join', { code });
			expectFail(res, 'QA_TOO_MANY_IDENTITIES');
			if (!res.ok)
				expect(res.error.message).toMatch(/^同一网络加入本场的人数已达上限，请 \d+ 分钟后再试$/);
			await joinPhone(stage.server, await stage.event());
		});

		it('tokens: forged, cut, or from another event are refused', async () => {
			const a = await stage.event();
			const b = await stage.event();
			const phone = await joinPhone(stage.server, a);
			const s = await connect(stage.server.url);
			const [id, mac] = phone.token.split('.') as [string, string];
			const flipped = mac.slice(0, -1) + (mac.endsWith('A') ? 'B' : 'A');
			for (const token of [
				`${id}.${flipped}`,
				`${id}x.${mac}`,
				`${'x'.repeat(12)}.${mac}`,
				'y'.repeat(40)
			]) {
				expectFail(await emitAck(s, 'qa:resume', { code: a, token }), 'QA_BAD_TOKEN');
			}
			expectFail(await emitAck(s, 'qa:resume', { code: b, token: phone.token }), 'QA_BAD_TOKEN');
			expectFail(
				await emitAck(s, 'qa:resume', { code: 'ZZZZZZ', token: phone.token }),
				'QA_NOT_FOUND'
			);
			expectOk(await emitAck(s, 'qa:resume', { code: a.toLowerCase(), token: phone.token }));
		});

		it('names, labels and anonymity follow the event’s settings', async () => {
			const code = await stage.event({ anonymousAllowed: false, labels: ['消防'] });
			const phone = await joinPhone(stage.server, code);
			const emit = (p: object) =>
				emitAck(phone.socket, 'qa:ask', { text: '问题', name: null, label: null, ...p });
			expectFail(await emit({}), 'QA_ANONYMOUS_OFF');
			expectFail(await emit({ name: '\u200b\u202e' }), 'QA_ANONYMOUS_OFF');
			expectFail(await emit({ name: '王', label: '交通' }), 'QA_LABEL_UNKNOWN');
			const ok = expectOk(
				await emit({ name: '王', label: '消防', text: '<img src=x onerror=alert(1)>' })
			);
			// Markup is text: kept as the characters it is, for every surface to escape.
			expect(ok.question.text).toBe('<img src=x onerror=alert(1)>');
		});

		it('wrong shapes get BAD_REQUEST; events before joining get QA_NOT_JOINED; a bound socket stays one identity', async () => {
			const code = await stage.event();
			const s = await connect(stage.server.url);
			const cases: [string, unknown][] = [
				['qa:join', { code: 42 }],
				['qa:join', { code: 'ABC' }],
				['qa:join', { code: 'ABCDE0' }],
				['qa:resume', { code, token: 'short' }],
				['qa:ask', { text: 5, name: null, label: null }],
				['qa:ask', { text: 'x'.repeat(5000), name: null, label: null }],
				['qa:vote', { questionId: '' }],
				['qa:vote', [code]],
				['qa:moderate', { type: 'delete', questionId: 'x' }],
				['qa:event', { type: 'upNext', questionIds: 'x' }],
				['qa:ban', {}]
			];
			for (const [ev, payload] of cases) {
				const res = await emitAck(s, ev as 'qa:join', payload);
				expectFail(res, 'BAD_REQUEST');
			}
			expectFail(
				await emitAck(s, 'qa:ask', { text: '问', name: null, label: null }),
				'QA_NOT_JOINED'
			);
			expectFail(await emitAck(s, 'qa:vote', { questionId: 'x' }), 'QA_NOT_JOINED');
			const phone = await joinPhone(stage.server, code);
			expectFail(await emitAck(phone.socket, 'qa:join', { code }), 'BAD_REQUEST');
			expectFail(
				await emitAck(phone.socket, 'player:join', { pin: '123456', nickname: 'Q' }),
				'BAD_REQUEST'
			);
			const res = await emitAck(phone.socket, 'qa:moderate', { type: 'approve', questionId: 'x' });
			expectFail(res, 'QA_NOT_MODERATOR');
			if (!res.ok) expect(res.error.message).toBe(ERROR_MESSAGES.QA_NOT_MODERATOR);
		});
	});
});
