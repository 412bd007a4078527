// A finished game's results, table by table: players (选手), teams (队伍) and questions (题目) as
// rows of text, the header first (the writers turn the numeric columns into numbers for XLSX). Pure,
// so that a test reads exactly what a file will hold. Team figures come from the same teamBoard the
// room's screen shows, with the game's own team scoring.
import { correctChoices } from '../../domain/answer';
import { LETTERS, optionCount, type Question } from '../../domain/question';
import { typeLabel } from '../../domain/question-types';
import { ROUND_LABELS, roundAt, roundTitle } from '../../domain/rounds/plan';
import { teamBoard, type TeamRow } from '../../domain/rounds/teams';
import { percent, seconds } from '../bank-io/export-cells';
import type { FinishedGame, GameAnswerRecord, GameQuestionRecord } from '../records/port';

export const RESULT_TABLES = ['players', 'teams', 'questions'] as const;
export type ResultTable = (typeof RESULT_TABLES)[number];

export const TABLE_NAMES: Record<ResultTable, string> = {
	players: '选手',
	teams: '队伍',
	questions: '题目'
};

/** Shown where a figure does not apply (a team without headcount, the correct rate of a poll). */
export const NOT_APPLICABLE = '—';

const yes = (b: boolean) => (b ? '是' : '否');

export const PLAYER_HEADER = [
	'排名',
	'昵称',
	'队伍',
	'观众',
	'得分',
	'答对题数',
	'总用时（秒）',
	'已移出'
] as const;
export const PLAYER_NUMERIC = ['排名', '得分', '答对题数', '总用时（秒）'] as const;

function teamNames(game: FinishedGame): Map<string, string> {
	return new Map(game.teams.map((t) => [t.id, t.name]));
}

function nicknames(game: FinishedGame): Map<string, string> {
	return new Map(game.players.map((p) => [p.id, p.nickname]));
}

/** Every player in the record's order (rank, kicked players last). */
export function playerRows(game: FinishedGame): string[][] {
	const teams = teamNames(game);
	return [
		[...PLAYER_HEADER],
		...game.players.map((p) => [
			p.rank === null ? '' : String(p.rank),
			p.nickname,
			p.teamId === null ? '' : (teams.get(p.teamId) ?? p.teamId),
			yes(p.audience),
			String(p.score),
			String(p.correctCount),
			seconds(p.totalTimeMs),
			yes(p.kicked)
		])
	];
}

export const TEAM_HEADER = ['排名', '队伍', '得分', '人数', '参与率（%）'] as const;
export const TEAM_NUMERIC = ['排名', '得分', '人数', '参与率（%）'] as const;

/** The teams' board as the game ended (sum or mean, as the game scored teams). */
export function teamBoardOf(game: FinishedGame): TeamRow[] {
	return teamBoard(game.teams, game.players, game.teamScoring ?? 'sum');
}

/** One row per team, best first; only the header when the game had no teams. */
export function teamRows(game: FinishedGame): string[][] {
	return [
		[...TEAM_HEADER],
		...teamBoardOf(game).map((t) => [
			String(t.rank),
			t.name,
			String(t.score),
			String(t.members),
			t.participation === null ? NOT_APPLICABLE : percent(t.participation, 1)
		])
	];
}

/** The most options any question of the game offers: that many per-option columns. */
export function optionColumns(game: FinishedGame): number {
	return Math.max(0, ...game.questions.map((q) => optionCount(q.question)));
}

export function questionHeader(options: number): string[] {
	return [
		'序号',
		'轮次',
		'题目',
		'题型',
		'作答人数',
		'正确率（%）',
		...LETTERS.slice(0, options).map((l) => `选${l}人数`),
		'正确答案',
		'抢答顺序',
		'首个抢答',
		'风险题押分'
	];
}

export function questionNumeric(options: number): string[] {
	return ['序号', '作答人数', '正确率（%）', ...LETTERS.slice(0, options).map((l) => `选${l}人数`)];
}

function roundLabel(game: FinishedGame, q: GameQuestionRecord): string {
	const position = roundAt(game.rounds ?? undefined, q.index);
	if (position) return roundTitle(position);
	return q.extra?.round ? ROUND_LABELS[q.extra.round] : '';
}

function rightAnswer(q: Question): string {
	if (q.type === 'poll') return '';
	if (q.type === 'fillin') return q.answer.join(' / ');
	if (q.type === 'truefalse') return q.answer ? '对' : '错';
	return correctChoices(q)
		.map((i) => LETTERS[i])
		.join('');
}

/** How many answers picked each option (a multiple-choice answer counts for each it picked). */
function perOption(q: Question, answers: readonly GameAnswerRecord[], columns: number): string[] {
	const n = optionCount(q);
	const counts = new Array<number>(n).fill(0);
	for (const a of answers) {
		if (!('choices' in a.answer)) continue;
		for (const c of new Set(a.answer.choices)) if (c >= 0 && c < n) counts[c]!++;
	}
	return Array.from({ length: columns }, (_, i) => (i < n ? String(counts[i]) : ''));
}

/**
 * "昵称 +0ms, 昵称 +12ms": every buzz in receipt order with its margin behind the first of its
 * opening; when the question was passed and the buzzer opened again, each later opening follows
 * after "；" as "第2次：…".
 */
function buzzOrder(
	q: GameQuestionRecord,
	names: Map<string, string>
): { order: string; first: string } {
	const buzzes = q.extra?.buzzes ?? [];
	const name = (id: string) => names.get(id) ?? id;
	const openings = new Map<number, string[]>();
	for (const b of buzzes) {
		const list = openings.get(b.opening) ?? [];
		list.push(`${name(b.playerId)} +${b.marginMs}ms`);
		openings.set(b.opening, list);
	}
	const groups = [...openings.values()].map((list, i) =>
		i === 0 ? list.join(', ') : `第${i + 1}次：${list.join(', ')}`
	);
	return { order: groups.join('；'), first: buzzes[0] ? name(buzzes[0].playerId) : '' };
}

/** "红队 30, 蓝队 10": stakes by holder (team, or player without teams), in the teams' order. */
function stakesText(game: FinishedGame, q: GameQuestionRecord, names: Map<string, string>): string {
	const stakes = q.extra?.stakes;
	if (!stakes) return '';
	const teams = teamNames(game);
	const position = new Map(game.teams.map((t, i) => [t.id, i]));
	return Object.entries(stakes)
		.sort(([a], [b]) => (position.get(a) ?? Infinity) - (position.get(b) ?? Infinity))
		.map(([holder, stake]) => `${teams.get(holder) ?? names.get(holder) ?? holder} ${stake}`)
		.join(', ');
}

/** One row per question of the game, in order; a skipped question shows no answers. */
export function questionRows(game: FinishedGame): string[][] {
	const columns = optionColumns(game);
	const names = nicknames(game);
	const byQuestion = new Map<number, GameAnswerRecord[]>();
	for (const a of game.answers) {
		const list = byQuestion.get(a.questionIndex) ?? [];
		list.push(a);
		byQuestion.set(a.questionIndex, list);
	}
	return [
		questionHeader(columns),
		...[...game.questions]
			.sort((a, b) => a.index - b.index)
			.map((q) => {
				const answers = byQuestion.get(q.index) ?? [];
				const right = answers.filter((a) => a.correct === true).length;
				const scored = q.question.type !== 'poll' && answers.length > 0;
				const buzz = buzzOrder(q, names);
				return [
					String(q.index + 1),
					roundLabel(game, q),
					q.question.stem,
					typeLabel(q.question.type),
					String(answers.length),
					scored ? percent(right, answers.length) : NOT_APPLICABLE,
					...perOption(q.question, answers, columns),
					rightAnswer(q.question),
					buzz.order,
					buzz.first,
					stakesText(game, q, names)
				];
			})
	];
}

/** The rows of one table, header first. */
export function tableRows(game: FinishedGame, table: ResultTable): string[][] {
	if (table === 'players') return playerRows(game);
	if (table === 'teams') return teamRows(game);
	return questionRows(game);
}
