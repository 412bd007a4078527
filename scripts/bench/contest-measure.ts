// The contest benchmark's pure parts: the generated bank and what a bot knows of it, the bounded
// async pool, the checks made against the records after a run, and the capacity sum for the
// national peak. No I/O here, so tests/bench/contest-measure.test.ts can hold each to its figures.

const MARKS = ['甲', '乙', '丙', '丁'];

export interface BenchQuestion {
	id: string;
	type: 'single';
	stem: string;
	options: string[];
	answer: string;
	category: string;
	difficulty: number;
}

/**
 * `count` single-choice questions whose right option is the (i mod 4)-th stored one, so that the
 * right answer is not always in one place; every option text is unique across the bank.
 */
export function benchQuestions(count: number): BenchQuestion[] {
	return Array.from({ length: count }, (_, i) => ({
		id: `b${String(i).padStart(3, '0')}`,
		type: 'single' as const,
		stem: `压测题第 ${i + 1} 题：下列做法正确的是？`,
		options: MARKS.map((m) => `做法${m}-${i + 1}`),
		answer: 'ABCD'[i % 4]!,
		category: ['消防', '用电', '交通', '燃气'][i % 4]!,
		difficulty: (i % 3) + 1
	}));
}

/** What a bot knows of the bank: by stem, the stored options and the right one's index. */
export type AnswerKey = Map<string, { options: string[]; right: number }>;

export function answerKey(questions: BenchQuestion[]): AnswerKey {
	return new Map(
		questions.map((q) => [q.stem, { options: q.options, right: 'ABCD'.indexOf(q.answer) }])
	);
}

/**
 * The shown position a bot taps for a question shown with `shown` options, right or (deliberately)
 * wrong, and the stored index that position stands for; null for a question not in the key.
 */
export function pickAnswer(
	key: AnswerKey,
	stem: string,
	shown: string[],
	wantRight: boolean
): { position: number; stored: number; right: boolean } | null {
	const k = key.get(stem);
	if (!k) return null;
	const rightText = k.options[k.right]!;
	const position = wantRight
		? shown.indexOf(rightText)
		: shown.findIndex((text) => text !== rightText);
	if (position < 0) return null;
	const stored = k.options.indexOf(shown[position]!);
	if (stored < 0) return null;
	return { position, stored, right: stored === k.right };
}

/**
 * Runs `work(0..count-1)` with at most `concurrency` in flight, stopping early (none started
 * after) once `deadline` (epoch ms) has passed. Resolves with how many were started.
 */
export async function pool(
	count: number,
	concurrency: number,
	work: (i: number) => Promise<void>,
	deadline = Infinity,
	now: () => number = Date.now
): Promise<number> {
	let next = 0;
	const lane = async () => {
		while (next < count && now() < deadline) {
			const i = next++;
			await work(i);
		}
	};
	await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, count)) }, lane));
	return next;
}

/** An answer the server acked ok: the attempt, the question's index and the stored choice. */
export interface AckedAnswer {
	attemptId: string;
	index: number;
	stored: number;
}

/** A stored answer row (contest_answers), its answer as the JSON the store keeps. */
export interface StoredAnswerRow {
	attemptId: string;
	index: number;
	answer: string | null;
}

/**
 * Acked answers with no stored row carrying that answer. Only the last ack per attempt and index
 * counts (a bot may change its answer, and the row keeps the last one).
 */
export function lostAnswers(acked: AckedAnswer[], rows: StoredAnswerRow[]): AckedAnswer[] {
	const last = new Map<string, AckedAnswer>();
	for (const a of acked) last.set(`${a.attemptId}#${a.index}`, a);
	const stored = new Map(rows.map((r) => [`${r.attemptId}#${r.index}`, r.answer]));
	const lost: AckedAnswer[] = [];
	for (const [k, a] of last) {
		const raw = stored.get(k);
		let choices: unknown = null;
		try {
			choices = raw ? (JSON.parse(raw) as { choices?: unknown }).choices : null;
		} catch {
			choices = null;
		}
		if (!Array.isArray(choices) || choices.length !== 1 || choices[0] !== a.stored) lost.push(a);
	}
	return lost;
}

/** Participants with more attempts started on one day than the daily cap allows. */
export function capViolations(
	attempts: { participantId: string; day: string }[],
	perDay: number
): { participantId: string; day: string; started: number }[] {
	const n = new Map<string, number>();
	for (const a of attempts) {
		const k = `${a.participantId}\u0000${a.day}`;
		n.set(k, (n.get(k) ?? 0) + 1);
	}
	return [...n]
		.filter(([, c]) => c > perDay)
		.map(([k, started]) => {
			const [participantId, day] = k.split('\u0000') as [string, string];
			return { participantId, day, started };
		});
}

/** Each unit's points as the board shows them against the sum over the participants' records. */
export function unitTotalsOff(
	board: { name: string; points: number }[],
	participants: { unit: string | null; points: number }[]
): { unit: string; board: number; records: number }[] {
	const records = new Map<string, number>();
	for (const p of participants) {
		if (p.unit === null) continue;
		records.set(p.unit, (records.get(p.unit) ?? 0) + p.points);
	}
	const shown = new Map(board.map((r) => [r.name, r.points]));
	const off: { unit: string; board: number; records: number }[] = [];
	for (const unit of new Set([...records.keys(), ...shown.keys()])) {
		const b = shown.get(unit) ?? 0;
		const r = records.get(unit) ?? 0;
		if (b !== r) off.push({ unit, board: b, records: r });
	}
	return off.sort((a, b) => a.unit.localeCompare(b.unit));
}

/** The 2019 national contest: attempts over its days; the peak hour carries `peakFactor`× the mean. */
export const NATIONAL = { attempts: 4_630_000, days: 9, peakFactor: 3 };

/**
 * Server processes (one core each) the national peak needs, from the server CPU an attempt cost
 * here (all its requests included). Null without a measurement.
 */
export function peakProcesses(
	cpuMsPerAttempt: number | null,
	national = NATIONAL
): { peakPerSecond: number; perCore: number; processes: number } | null {
	if (cpuMsPerAttempt === null || !(cpuMsPerAttempt > 0)) return null;
	const peakPerSecond = (national.attempts / (national.days * 24 * 3600)) * national.peakFactor;
	const perCore = 1000 / cpuMsPerAttempt;
	return { peakPerSecond, perCore, processes: Math.ceil(peakPerSecond / perCore) };
}
