// What the phone shows in a contest-day room, for a view, the player and their last buzz: who may
// answer, the buzzer's states and what its ack says, the team strip, the stake phase and the stake
// won or lost.
import { describe, expect, it } from 'vitest';
import {
	phoneBadge,
	placeText,
	questionScreen,
	refusalText,
	stakeOutcome,
	stakeScreen,
	watchText,
	type BuzzOutcome
} from '../../src/lib/client/phone-screen';
import type { PlayerResult } from '../../src/lib/protocol';
import { questionView } from './room-view';
import {
	BLUE,
	RED,
	audienceMember,
	buzzState,
	contestQuestion,
	contestView,
	line,
	member,
	round
} from './rounds-view';

const placed = (position: number, marginMs: number, won = false, index = 0): BuzzOutcome => ({
	index,
	kind: 'placed',
	position,
	marginMs,
	won
});
const refused = (code: string, index = 0): BuzzOutcome => ({
	index,
	kind: 'refused',
	code,
	message: `server says ${code}`
});
const result = (patch: Partial<PlayerResult> = {}): PlayerResult => ({
	index: 0,
	answered: true,
	correct: true,
	points: 800,
	bonus: 0,
	streak: 1,
	score: 800,
	rank: 1,
	playerCount: 5,
	...patch
});
const allRound = round({ type: 'all', buzz: null, title: '第一轮 必答题' });

describe('who may answer', () => {
	it('offers the options in a plain quiz and in a round everyone answers', () => {
		expect(questionScreen(questionView(), member({ team: null }), null)).toEqual({
			kind: 'answer',
			won: false
		});
		expect(questionScreen(contestQuestion({ round: allRound }), member(), null).kind).toBe(
			'answer'
		);
	});

	it('turns: only the team whose turn it is answers; others, and the audience, watch', () => {
		const v = contestQuestion({ round: round({ type: 'turn', buzz: null }), eligible: [BLUE] });
		expect(questionScreen(v, member({}, BLUE), null).kind).toBe('answer');
		const watching = questionScreen(v, member({}, RED), null);
		expect(watching).toEqual({ kind: 'watch', reason: { kind: 'turn', teams: ['蓝队'] } });
		expect(questionScreen(v, audienceMember(), null).kind).toBe('watch');
		expect(watchText({ kind: 'turn', teams: ['蓝队'] })).toBe('本题由 蓝队 作答，请观战');
	});

	it('tiebreak: the tied teams answer, named together to the rest', () => {
		const v = contestQuestion({
			round: round({ type: 'tiebreak', buzz: null }),
			eligible: [RED, BLUE]
		});
		expect(questionScreen(v, member({}, RED), null).kind).toBe('answer');
		const third = member({}, { id: 't3', name: '绿队' });
		const s = questionScreen(v, third, null);
		expect(s.kind === 'watch' && watchText(s.reason)).toBe('本题由 红队、蓝队 作答，请观战');
	});

	it('audience-only and team-only rounds keep the others watching', () => {
		const audienceRound = contestQuestion({
			round: round({ type: 'all', players: 'audience', buzz: null })
		});
		expect(questionScreen(audienceRound, audienceMember(), null).kind).toBe('answer');
		const s = questionScreen(audienceRound, member(), null);
		expect(s.kind === 'watch' && watchText(s.reason)).toBe('本轮仅限观众作答，请观战');

		const teamsRound = contestQuestion({
			round: round({ type: 'all', players: 'teams', buzz: null })
		});
		expect(questionScreen(teamsRound, member(), null).kind).toBe('answer');
		const a = questionScreen(teamsRound, audienceMember(), null);
		expect(a.kind === 'watch' && watchText(a.reason)).toBe('本轮仅限队伍作答，请观战');
	});
});

describe('the buzzer', () => {
	const buzzQ = (b = {}) => contestQuestion({ buzz: buzzState(b) });

	it('is a get-ready countdown while arming, then the button once open', () => {
		expect(questionScreen(buzzQ({ phase: 'arming', remainingMs: 2400 }), member(), null)).toEqual({
			kind: 'buzzArming',
			remainingMs: 2400,
			penalty: 0
		});
		expect(questionScreen(buzzQ({ phase: 'open', remainingMs: 9000 }), member(), null)).toEqual({
			kind: 'buzzOpen',
			remainingMs: 9000
		});
	});

	it('the winner answers on the phone, or orally for the host to judge', () => {
		const answering = { ...line('p1', '小安'), remainingMs: 20_000 };
		const v = buzzQ({ phase: 'answering', answering });
		expect(questionScreen(v, member(), placed(1, 0, true))).toEqual({ kind: 'answer', won: true });
		const oral = buzzQ({ phase: 'answering', answering, oral: true });
		expect(questionScreen(oral, member(), placed(1, 0, true))).toEqual({ kind: 'buzzOral' });
	});

	it('the others see who is answering, and their own place behind', () => {
		const answering = { ...line('p9', '老王', 0, '蓝队'), remainingMs: 20_000 };
		const v = buzzQ({
			phase: 'answering',
			answering,
			order: [line('p9', '老王'), line('p1', '小安', 42)]
		});
		const s = questionScreen(v, member(), placed(3, 42));
		expect(s).toEqual({
			kind: 'buzzOthers',
			who: '老王',
			team: '蓝队',
			place: { position: 3, marginMs: 42 }
		});
		expect(placeText({ position: 3, marginMs: 42 })).toBe('第 3 位，慢了 42 ms');
		expect(placeText({ position: 1, marginMs: 0 })).toBe('你抢到了！请作答');
	});

	it('an early buzz says so (with the penalty) until the buzzer opens', () => {
		const early = refused('TOO_EARLY');
		const arming = contestQuestion({
			round: round({ buzz: { ...round().buzz!, earlyPenalty: 5 } }),
			buzz: buzzState()
		});
		const s = questionScreen(arming, member(), early);
		expect(s.kind).toBe('buzzRefused');
		expect(s.kind === 'buzzRefused' && refusalText(s.code, s.message, s.penalty)).toBe(
			'提前抢答，扣 5 分'
		);
		expect(refusalText('TOO_EARLY', '', 0)).toBe('抢早了');
		expect(questionScreen(buzzQ({ phase: 'open' }), member(), early).kind).toBe('buzzOpen');
	});

	it('one who already tried is told so; the server words other refusals', () => {
		const s = questionScreen(buzzQ({ phase: 'open' }), member(), refused('ALREADY_TRIED'));
		expect(s.kind === 'buzzRefused' && refusalText(s.code, s.message, s.penalty)).toBe('你已答过');
		expect(refusalText('PAUSED', '已暂停，请稍候再作答', 0)).toBe('已暂停，请稍候再作答');
	});

	it('a reopened buzzer (after a wrong answer) may be pressed again by one who never answered', () => {
		const mine = placed(2, 30);
		const sameOpening = buzzQ({
			phase: 'open',
			order: [line('p9', '老王'), line('p1', '小安', 30)]
		});
		expect(questionScreen(sameOpening, member(), mine).kind).toBe('buzzPlaced');
		const reopened = buzzQ({ phase: 'open', order: [] });
		expect(questionScreen(reopened, member(), mine).kind).toBe('buzzOpen');
	});

	it('a buzz of an earlier question is forgotten', () => {
		const v = contestQuestion({ buzz: buzzState({ phase: 'open' }) }, { index: 1 });
		expect(questionScreen(v, member(), refused('ALREADY_TRIED', 0)).kind).toBe('buzzOpen');
	});
});

describe('team strip and stakes', () => {
	it("shows the team, and its rank beside one's own only between questions", () => {
		expect(phoneBadge(contestQuestion(), member())).toEqual({
			label: '红队',
			audience: false,
			teamRank: null,
			ownRank: null
		});
		expect(phoneBadge(contestView({ phase: 'leaderboard' }), member())).toEqual({
			label: '红队',
			audience: false,
			teamRank: 2,
			ownRank: 4
		});
		expect(phoneBadge(contestView({ phase: 'reveal' }), audienceMember())?.label).toBe('观众');
		expect(phoneBadge(questionView(), member({ team: null }))).toBeNull();
	});

	it("the stake phase shows the values and the team's shared choice", () => {
		const wager = round({ type: 'wager', buzz: null, stakes: [10, 20, 30] });
		const v = contestView(
			{ phase: 'stake', index: 4 },
			{
				round: wager,
				stakes: {
					values: [10, 20, 30],
					lines: [{ holder: 't1', name: '红队', stake: 20 }],
					chosen: 1,
					locked: false
				}
			}
		);
		expect(stakeScreen(v, member())).toEqual({
			values: [10, 20, 30],
			chosen: 20,
			locked: false,
			audience: false
		});
		expect(stakeScreen(v, member({}, BLUE)).chosen).toBeNull();
		expect(stakeScreen(v, audienceMember()).audience).toBe(true);
	});

	it('after a wager the reveal shows the stake won or lost', () => {
		const wager = round({ type: 'wager', buzz: null, stakes: [10, 20, 30] });
		const v = contestView({ phase: 'reveal', index: 0 }, { round: wager });
		const staked = member({
			team: { teamId: 't1', teamName: '红队', teamRank: 1, audience: false, stake: 20 }
		});
		expect(stakeOutcome(v, staked, result())).toBe(20);
		expect(stakeOutcome(v, staked, result({ correct: false }))).toBe(-20);
		expect(stakeOutcome(v, audienceMember(), result())).toBeNull();
		const notWager = contestView({ phase: 'reveal', index: 0 }, { round: allRound });
		expect(stakeOutcome(notWager, staked, result())).toBeNull();
	});
});
