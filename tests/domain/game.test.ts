// Whole games played on a fake clock with the pure domain only: the room state machine decides
// when answers count and how long they took, scoreQuestion scores each closed question, and
// replayGame must reproduce the incremental standings from the stored answers.
import { describe, expect, it } from 'vitest';
import { checkAnswerShape, type AnswerInput } from '$lib/domain/answer';
import { quizSchema, type Quiz } from '$lib/domain/question';
import {
	answerWindow,
	applyCommand,
	canJoin,
	createRoomState,
	elapsedMs,
	remainingMs,
	type Phase,
	type RoomCommand,
	type RoomEffect,
	type RoomState
} from '$lib/domain/room';
import {
	compareStandings,
	questionLimitSec,
	replayGame,
	scoreQuestion,
	type ClosedQuestion,
	type Distribution,
	type PlayerStanding,
	type QuestionResult,
	type StoredAnswer
} from '$lib/domain/round-scoring';

const T0 = 1_700_000_000_000;

/** A room driven by hand: a fake clock, the room state, stored answers and running standings. */
class Game {
	now = T0;
	state: RoomState;
	readonly phases: Phase[];
	readonly effects: RoomEffect[] = [];
	readonly closed: ClosedQuestion[] = [];
	readonly distributions = new Map<number, Distribution>();
	readonly results = new Map<number, QuestionResult[]>();
	/** Players still in the game, in join order. */
	private players = new Map<string, PlayerStanding>();
	private kicked = new Set<string>();
	private answers = new Map<number, StoredAnswer[]>();

	constructor(readonly quiz: Quiz) {
		this.state = createRoomState({
			pin: '424242',
			quizId: quiz.id,
			title: quiz.title,
			settings: quiz.settings,
			questionCount: quiz.questions.length,
			now: this.now
		});
		this.phases = [this.state.phase];
	}

	private limitOf = (i: number) => questionLimitSec(this.quiz.questions[i]!, this.quiz.settings);

	/** Sets the clock to `ms` after the current question opened (pauses included). */
	at(ms: number): this {
		const t = this.state.openedAt + ms;
		if (t < this.now) throw new Error(`the clock cannot go back (${ms})`);
		this.now = t;
		return this;
	}

	tick(ms: number): this {
		this.now += ms;
		return this;
	}

	/** Applies a command; returns the refusal code, or null if it was applied. */
	cmd(cmd: RoomCommand): string | null {
		const t = applyCommand(this.state, cmd, this.now, this.limitOf);
		if (!t.ok) return t.code;
		const opened = t.effects.some((e) => e.type === 'questionOpened');
		if (opened || t.state.phase !== this.state.phase) this.phases.push(t.state.phase);
		this.state = t.state;
		this.effects.push(...t.effects);
		for (const e of t.effects) if (e.type === 'questionClosed') this.score(e.index);
		return null;
	}

	/** A command that must be accepted. */
	do(cmd: RoomCommand): this {
		const code = this.cmd(cmd);
		if (code) throw new Error(`${cmd.type} refused: ${code}`);
		return this;
	}

	join(id: string): string | null {
		const refusal = canJoin(this.state);
		if (refusal) return refusal;
		this.players.set(id, { id, score: 0, streak: 0, correctCount: 0, totalTimeMs: 0 });
		return null;
	}

	kick(id: string): void {
		this.players.delete(id);
		this.kicked.add(id);
	}

	/** Submits an answer as the store would: window check, first answer only, server time. */
	answer(id: string, answer: AnswerInput, index = this.state.index): string | null {
		if (this.kicked.has(id)) return 'KICKED';
		if (!this.players.has(id)) return 'NOT_JOINED';
		const q = this.quiz.questions[index];
		if (!q || checkAnswerShape(q, answer)) return 'BAD_ANSWER';
		const list = this.answers.get(index) ?? [];
		if (list.some((a) => a.playerId === id)) return 'DUPLICATE';
		const refusal = answerWindow(this.state, index, this.now);
		if (refusal) return refusal;
		list.push({ playerId: id, answer, elapsedMs: elapsedMs(this.state, this.now) });
		this.answers.set(index, list);
		return null;
	}

	private score(index: number): void {
		const q = this.quiz.questions[index]!;
		const answers = this.answers.get(index) ?? [];
		const out = scoreQuestion(q, this.quiz.settings, this.state.limitMs, answers, [
			...this.players.values()
		]);
		for (const s of out.standings) this.players.set(s.id, s);
		this.closed.push({ index, limitMs: this.state.limitMs, answers: [...answers] });
		this.distributions.set(index, out.distribution);
		this.results.set(index, out.results);
	}

	standing(id: string): PlayerStanding | undefined {
		return this.players.get(id);
	}

	/** Current standings, best first. */
	ranking(): PlayerStanding[] {
		return [...this.players.values()].sort(compareStandings);
	}

	result(index: number, id: string): QuestionResult | undefined {
		return this.results.get(index)?.find((r) => r.playerId === id);
	}

	/** Recomputes from the stored answers and checks it against the incremental standings. */
	replay(ids = [...this.players.keys()]): PlayerStanding[] {
		return replayGame(this.quiz.questions, this.quiz.settings, this.closed, ids).sort(
			compareStandings
		);
	}
}

const quiz = (raw: unknown): Quiz => quizSchema.parse(raw);

describe('a speed game with pause, add-time, a poll and every question type', () => {
	const q = quiz({
		id: 'fire-safety',
		title: '消防安全知识竞赛',
		settings: { scoring: 'speed', timeLimit: 20, points: 1000 },
		questions: [
			{
				type: 'single',
				stem: '发现火情应拨打？',
				options: ['110', '119', '120', '122'],
				answer: 'B'
			},
			{ type: 'truefalse', stem: '火灾时可以乘电梯逃生', answer: false },
			{
				type: 'multiple',
				stem: '哪些是安全出口？',
				options: ['疏散楼梯', '电梯', '安全门', '窗户'],
				answer: ['A', 'C'],
				points: 2000,
				timeLimit: 10
			},
			{ type: 'poll', stem: '你家有灭火器吗？', options: ['有', '没有', '不知道'] },
			{ type: 'fillin', stem: '干粉灭火器之外，常见的气体灭火剂是？', answer: ['二氧化碳', 'CO2'] }
		]
	});

	it('plays to the end with exact scores, and replayGame agrees', () => {
		const g = new Game(q);
		expect(g.join('alice')).toBeNull();
		expect(g.join('bob')).toBeNull();
		expect(g.join('carol')).toBeNull();
		expect(g.answer('alice', { choices: [1] }, 0)).toBe('NO_QUESTION');

		// Q0 · single, T = 20 s, answer B (index 1)
		g.tick(30_000).do({ type: 'start' });
		expect(g.state).toMatchObject({ phase: 'question', index: 0, limitMs: 20_000 });
		expect(g.at(2000).answer('carol', { choices: [0] })).toBeNull();
		expect(g.at(5000).answer('alice', { choices: [1] })).toBeNull();
		expect(g.at(10_000).answer('bob', { choices: [1] })).toBeNull();
		g.do({ type: 'close', index: 0, reason: 'all-answered' });
		expect(g.state.phase).toBe('reveal');
		expect(g.result(0, 'alice')).toMatchObject({ points: 875, bonus: 0, streak: 1, score: 875 });
		expect(g.result(0, 'bob')).toMatchObject({ points: 750, bonus: 0, streak: 1, score: 750 });
		expect(g.result(0, 'carol')).toMatchObject({ points: 0, correct: false, streak: 0 });
		expect(g.distributions.get(0)).toEqual({ counts: [1, 2, 0, 0], answered: 3, correct: 2 });
		g.do({ type: 'next' });
		expect(g.state.phase).toBe('leaderboard');
		expect(g.ranking().map((p) => p.id)).toEqual(['alice', 'bob', 'carol']);

		// Q1 · true/false (false = index 1), closed by the clock at the deadline
		g.tick(5000).do({ type: 'next' });
		expect(g.state).toMatchObject({ phase: 'question', index: 1 });
		expect(g.at(0).answer('alice', { choices: [1] })).toBeNull();
		expect(g.at(4000).answer('bob', { choices: [0] })).toBeNull();
		g.at(19_999);
		expect(g.cmd({ type: 'close', index: 1, reason: 'deadline' })).toBe('STALE'); // early
		expect(g.at(20_000).answer('carol', { choices: [1] })).toBeNull(); // at the buzzer
		expect(g.answer('carol', { choices: [0] })).toBe('DUPLICATE');
		g.do({ type: 'close', index: 1, reason: 'deadline' });
		expect(g.result(1, 'alice')).toMatchObject({
			points: 1100,
			bonus: 100,
			streak: 2,
			score: 1975
		});
		expect(g.result(1, 'bob')).toMatchObject({ points: 0, streak: 0, score: 750 });
		expect(g.result(1, 'carol')).toMatchObject({ points: 500, bonus: 0, streak: 1, score: 500 });
		expect(g.distributions.get(1)).toEqual({ counts: [1, 2], answered: 3, correct: 2 });
		g.do({ type: 'next' });

		// Q2 · multiple A+C, P = 2000, T = 10 s, paused from 3 s to 13 s
		g.tick(3000).do({ type: 'next' });
		expect(g.state).toMatchObject({ phase: 'question', index: 2, limitMs: 10_000 });
		const opened = g.state.openedAt;
		expect(g.at(2000).answer('alice', { choices: [2, 0] })).toBeNull();
		g.at(3000).do({ type: 'pause' });
		expect(g.at(4000).answer('bob', { choices: [0, 2] })).toBe('PAUSED');
		expect(remainingMs(g.state, g.now)).toBe(7000);
		g.at(11_000); // past the original deadline, but paused
		expect(g.cmd({ type: 'close', index: 2, reason: 'deadline' })).toBe('STALE');
		expect(g.answer('bob', { choices: [0, 2] })).toBe('PAUSED');
		g.at(13_000).do({ type: 'resume' });
		expect(g.state.deadline).toBe(opened + 20_000);
		expect(g.state.pausedMs).toBe(10_000);
		expect(g.at(14_000).answer('bob', { choices: [0, 2] })).toBeNull(); // t = 4000
		expect(g.at(15_000).answer('carol', { choices: [0] })).toBeNull(); // t = 5000, half right
		g.at(19_999);
		expect(g.cmd({ type: 'close', index: 2, reason: 'deadline' })).toBe('STALE');
		g.at(20_000).do({ type: 'close', index: 2, reason: 'deadline' });
		// alice: 2000 × (1 − 2000/20000) = 1800, streak 3 → +200
		expect(g.result(2, 'alice')).toMatchObject({
			elapsedMs: 2000,
			points: 2000,
			bonus: 200,
			streak: 3,
			score: 3975
		});
		// bob: the pause is excluded, t = 4000 → 1600; his streak restarts at 1
		expect(g.result(2, 'bob')).toMatchObject({
			elapsedMs: 4000,
			points: 1600,
			bonus: 0,
			streak: 1,
			score: 2350
		});
		// carol: multiple choice is all-or-nothing
		expect(g.result(2, 'carol')).toMatchObject({ elapsedMs: 5000, correct: false, points: 0 });
		expect(g.closed.at(-1)!.limitMs).toBe(10_000); // a pause does not change T
		expect(g.distributions.get(2)).toEqual({ counts: [3, 0, 2, 0], answered: 3, correct: 2 });
		g.do({ type: 'next' });

		// Q3 · poll: scores nothing, streaks untouched, the host closes it early
		g.tick(3000).do({ type: 'next' });
		const before = g.ranking();
		expect(g.at(1000).answer('alice', { choices: [0] })).toBeNull();
		expect(g.at(3000).answer('carol', { choices: [2] })).toBeNull();
		g.at(6000).do({ type: 'next' });
		expect(g.effects.at(-1)).toEqual({ type: 'questionClosed', index: 3 });
		expect(g.ranking()).toEqual(before); // nothing changed, not even the tie-break times
		expect(g.result(3, 'alice')).toMatchObject({ answered: true, correct: null, points: 0 });
		expect(g.result(3, 'bob')).toMatchObject({ answered: false, correct: null, streak: 1 });
		expect(g.standing('alice')!.streak).toBe(3);
		expect(g.distributions.get(3)).toEqual({ counts: [1, 0, 1], answered: 2, correct: 0 });
		g.do({ type: 'next' });

		// Q4 · fill-in, T = 20 s + 10 s added at 5 s
		g.tick(3000).do({ type: 'next' });
		const q4 = g.state.openedAt;
		g.at(5000).do({ type: 'addTime', seconds: 10 });
		expect(g.state).toMatchObject({ limitMs: 30_000, deadline: q4 + 30_000 });
		expect(g.at(6000).answer('alice', { text: 'ＣＯ２。' })).toBeNull();
		expect(g.at(25_000).answer('bob', { text: ' co 2 ' })).toBeNull(); // after the old deadline
		expect(g.at(30_001).answer('carol', { text: '二氧化碳' })).toBe('TIME_UP');
		g.do({ type: 'close', index: 4, reason: 'deadline' });
		// alice: 1000 × (1 − 6000/60000) = 900, streak 4 → +300
		expect(g.result(4, 'alice')).toMatchObject({ points: 1200, bonus: 300, streak: 4 });
		// bob: 1000 × (1 − 25000/60000) = 583.3 → 583, streak 2 (the poll kept it) → +100
		expect(g.result(4, 'bob')).toMatchObject({ points: 683, bonus: 100, streak: 2 });
		// carol did not answer: no points, streak lost
		expect(g.result(4, 'carol')).toMatchObject({ answered: false, points: 0, streak: 0 });
		expect(g.closed.at(-1)!.limitMs).toBe(30_000);

		g.do({ type: 'next' }); // leaderboard
		g.do({ type: 'next' }); // podium
		g.do({ type: 'next' }); // ended
		expect(g.state.endedAt).toBe(g.now);
		expect(g.cmd({ type: 'next' })).toBe('WRONG_PHASE');

		expect(g.phases).toEqual([
			'lobby',
			...Array.from({ length: 5 }, () => ['question', 'reveal', 'leaderboard'] as const).flat(),
			'podium',
			'ended'
		]);
		const final = g.ranking();
		expect(final).toEqual([
			{ id: 'alice', score: 5175, streak: 4, correctCount: 4, totalTimeMs: 13_000 },
			{ id: 'bob', score: 3033, streak: 2, correctCount: 3, totalTimeMs: 43_000 },
			{ id: 'carol', score: 500, streak: 0, correctCount: 1, totalTimeMs: 27_000 }
		]);
		expect(g.replay()).toEqual(final);
		// replayGame orders the closed questions itself
		expect(
			replayGame(q.questions, q.settings, [...g.closed].reverse(), ['alice', 'bob', 'carol']).sort(
				compareStandings
			)
		).toEqual(final);
	});
});

describe('skip, kick and late join', () => {
	const q = quiz({
		id: 'skip-kick',
		title: 'Skip and kick',
		settings: { scoring: 'speed', timeLimit: 20, points: 1000 },
		questions: Array.from({ length: 4 }, (_, i) => ({
			type: 'single',
			stem: `Question ${i + 1}`,
			options: ['right', 'wrong', 'also wrong'],
			answer: 'A'
		}))
	});

	it('scores only the questions played, only the players still in, late joiners from then on', () => {
		const g = new Game(q);
		for (const id of ['p1', 'p2', 'p3']) expect(g.join(id)).toBeNull();

		// Q0
		g.do({ type: 'start' });
		g.at(0).answer('p1', { choices: [0] });
		g.at(3000).answer('p3', { choices: [1] });
		g.at(10_000).answer('p2', { choices: [0] });
		g.do({ type: 'close', index: 0, reason: 'all-answered' });
		expect(g.ranking().map((p) => [p.id, p.score, p.streak])).toEqual([
			['p1', 1000, 1],
			['p2', 750, 1],
			['p3', 0, 0]
		]);
		g.do({ type: 'next' }).do({ type: 'next' });

		// Q1 is skipped after p1 answered: unscored, and the next question opens at once
		expect(g.state).toMatchObject({ phase: 'question', index: 1 });
		expect(g.at(2000).answer('p1', { choices: [0] })).toBeNull();
		const effectsBefore = g.effects.length;
		g.at(3000).do({ type: 'skip' });
		expect(g.effects.slice(effectsBefore)).toEqual([{ type: 'questionOpened', index: 2 }]);
		expect(g.state).toMatchObject({ phase: 'question', index: 2, openedAt: g.now });
		expect(g.closed.map((c) => c.index)).toEqual([0]);
		expect(g.answer('p2', { choices: [0] }, 1)).toBe('WRONG_QUESTION');

		// Q2: a late joiner arrives, p3 answers and is then kicked
		expect(g.at(0).join('late')).toBeNull();
		expect(g.answer('p2', { choices: [0] })).toBeNull();
		expect(g.at(1000).answer('p3', { choices: [0] })).toBeNull();
		g.at(2000).kick('p3');
		expect(g.answer('p3', { choices: [0] })).toBe('KICKED');
		expect(g.at(4000).answer('p1', { choices: [0] })).toBeNull();
		expect(g.at(8000).answer('late', { choices: [0] })).toBeNull();
		g.do({ type: 'close', index: 2, reason: 'all-answered' });
		// p1's streak went on across the skipped question: 900 + 100
		expect(g.result(2, 'p1')).toMatchObject({ points: 1000, bonus: 100, streak: 2, score: 2000 });
		expect(g.result(2, 'p2')).toMatchObject({ points: 1100, bonus: 100, streak: 2, score: 1850 });
		expect(g.result(2, 'late')).toMatchObject({ points: 800, bonus: 0, streak: 1, score: 800 });
		expect(g.result(2, 'p3')).toBeUndefined();
		// p3's stored answer is left out of the distribution too
		expect(g.distributions.get(2)).toEqual({ counts: [3, 0, 0], answered: 3, correct: 3 });

		// The host closes the door to late joiners
		g.do({ type: 'lateJoin', allow: false });
		expect(g.join('latest')).toBe('GAME_STARTED');
		g.do({ type: 'next' }).do({ type: 'next' });

		// Q3 is the last question: skipping it goes straight to the podium
		expect(g.state).toMatchObject({ phase: 'question', index: 3 });
		g.at(1000).answer('p1', { choices: [0] });
		g.at(2000).do({ type: 'skip' });
		expect(g.state.phase).toBe('podium');
		expect(g.effects.at(-1)).toEqual({ type: 'podiumShown' });
		g.do({ type: 'next' });
		expect(g.state.phase).toBe('ended');
		expect(g.join('after')).toBe('ROOM_ENDED');

		const final = g.ranking();
		expect(final).toEqual([
			{ id: 'p1', score: 2000, streak: 2, correctCount: 2, totalTimeMs: 4000 },
			{ id: 'p2', score: 1850, streak: 2, correctCount: 2, totalTimeMs: 10_000 },
			{ id: 'late', score: 800, streak: 1, correctCount: 1, totalTimeMs: 8000 }
		]);
		expect(g.closed.map((c) => c.index)).toEqual([0, 2]);
		// The late joiner is replayed from question 0 (unanswered, no points) and comes out the same;
		// p3's stored answers are ignored because p3 is not among the players.
		expect(g.replay(['p1', 'p2', 'p3', 'late'].filter((id) => id !== 'p3'))).toEqual(final);
		expect(g.closed[1]!.answers.some((a) => a.playerId === 'p3')).toBe(true);
	});
});

describe('streaks', () => {
	const q = quiz({
		id: 'streaks',
		title: 'Streaks',
		settings: { scoring: 'speed', timeLimit: 20, points: 1000 },
		questions: [
			{ type: 'truefalse', stem: 'One', answer: true },
			{ type: 'poll', stem: 'Poll', options: ['x', 'y'] },
			{ type: 'truefalse', stem: 'Two', answer: true },
			{ type: 'truefalse', stem: 'Three', answer: true },
			{ type: 'truefalse', stem: 'Four', answer: true }
		]
	});

	it('a poll keeps the streak; missing a scored question loses it', () => {
		const g = new Game(q);
		g.join('solo');
		g.join('other');
		g.do({ type: 'start' });
		const skipPoll = new Set([1, 3]); // solo leaves the poll and question 3 unanswered
		for (let i = 0; i < 5; i++) {
			expect(g.state.index).toBe(i);
			if (!skipPoll.has(i)) g.answer('solo', { choices: [0] });
			g.answer('other', { choices: [0] });
			g.tick(1).do({ type: 'next' }); // host closes at once (t ≈ 0)
			g.do({ type: 'next' }).do({ type: 'next' });
		}
		expect(g.state.phase).toBe('podium');
		expect([0, 1, 2, 3, 4].map((i) => g.result(i, 'solo')!.streak)).toEqual([1, 1, 2, 0, 1]);
		expect([0, 1, 2, 3, 4].map((i) => g.result(i, 'solo')!.points)).toEqual([
			1000, 0, 1100, 0, 1000
		]);
		expect([0, 1, 2, 3, 4].map((i) => g.result(i, 'other')!.streak)).toEqual([1, 1, 2, 3, 4]);
		expect([0, 1, 2, 3, 4].map((i) => g.result(i, 'other')!.points)).toEqual([
			1000, 0, 1100, 1200, 1300
		]);
		expect(g.ranking().map((p) => [p.id, p.score])).toEqual([
			['other', 4600],
			['solo', 3100]
		]);
		expect(g.replay()).toEqual(g.ranking());
	});
});

describe('an accuracy game', () => {
	const q = quiz({
		id: 'accuracy',
		title: 'Accuracy',
		settings: { scoring: 'accuracy', timeLimit: 20, points: 1000 },
		questions: Array.from({ length: 3 }, (_, i) => ({
			type: 'single',
			stem: `Q${i}`,
			options: ['yes', 'no'],
			answer: 'A'
		}))
	});

	it('gives fixed points without bonus and breaks ties by total answer time', () => {
		const g = new Game(q);
		for (const id of ['a', 'b', 'c', 'd']) g.join(id);
		const plan: Record<string, [number, number][]> = {
			// [choice, ms] per question
			a: [
				[0, 3000],
				[0, 3000],
				[0, 20_000]
			],
			b: [
				[0, 1000],
				[0, 2000],
				[1, 4000]
			],
			c: [
				[0, 15_000],
				[1, 100],
				[0, 5000]
			],
			d: [
				[1, 500],
				[0, 19_000],
				[0, 1000]
			]
		};
		g.do({ type: 'start' });
		for (let i = 0; i < 3; i++) {
			const order = Object.entries(plan).sort((x, y) => x[1][i]![1] - y[1][i]![1]);
			for (const [id, steps] of order) {
				const [choice, ms] = steps[i]!;
				expect(g.at(ms).answer(id, { choices: [choice] })).toBeNull();
			}
			g.do({ type: 'close', index: i, reason: 'all-answered' });
			for (const r of g.results.get(i)!) {
				expect(r.points).toBe(r.correct ? 1000 : 0);
				expect(r.bonus).toBe(0);
			}
			g.do({ type: 'next' }).do({ type: 'next' });
		}
		expect(g.state.phase).toBe('podium');
		expect(g.ranking()).toEqual([
			{ id: 'a', score: 3000, streak: 3, correctCount: 3, totalTimeMs: 26_000 },
			{ id: 'b', score: 2000, streak: 0, correctCount: 2, totalTimeMs: 7000 },
			{ id: 'c', score: 2000, streak: 1, correctCount: 2, totalTimeMs: 20_100 },
			{ id: 'd', score: 2000, streak: 2, correctCount: 2, totalTimeMs: 20_500 }
		]);
		expect(g.replay()).toEqual(g.ranking());
	});
});

describe('compareStandings', () => {
	it('orders by score, then less total time, then id', () => {
		const s = (id: string, score: number, totalTimeMs: number): PlayerStanding => ({
			id,
			score,
			totalTimeMs,
			streak: 0,
			correctCount: 0
		});
		const sorted = [
			s('e', 900, 100),
			s('b', 1000, 5000),
			s('d', 1000, 5000),
			s('a', 1000, 9000),
			s('c', 1200, 99_000)
		].sort(compareStandings);
		expect(sorted.map((p) => p.id)).toEqual(['c', 'b', 'd', 'a', 'e']);
	});
});
