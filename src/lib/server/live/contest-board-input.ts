// What both board stores refuse before touching anything, so that memory and Redis answer bad
// input alike: a clear BAD_REQUEST with a Chinese message, never a half-applied standing or a
// Redis error about a non-integer increment.
import {
	parseAggregateKey,
	type AggregateKind,
	type ContestPoints
} from '../../domain/contest/standings';
import { SessionError } from '../kernel/session-error';

const refuse = (message: string): never => {
	throw new SessionError('BAD_REQUEST', message);
};

const isCount = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 0;

export function checkContestId(contestId: string): void {
	if (typeof contestId !== 'string' || contestId === '') refuse('缺少竞赛编号');
}

/**
 * The aggregate keys of one apply or read, parsed. A repeated key counts once: a participant
 * belongs to a unit or region once, however the caller listed it.
 */
export function checkAggregateKeys(
	keys: readonly string[]
): { key: string; kind: AggregateKind; id: string }[] {
	const out = new Map<string, { key: string; kind: AggregateKind; id: string }>();
	for (const key of keys) {
		const parsed = typeof key === 'string' ? parseAggregateKey(key) : null;
		if (!parsed || parsed.id === '') refuse(`无法识别的汇总项：${String(key)}`);
		else out.set(key, { key, ...parsed });
	}
	return [...out.values()];
}

/** One kind of aggregate board: a unit, or a region level. */
export function checkAggregateKind(kind: AggregateKind): void {
	if (!parseAggregateKey(`${String(kind)}:`)) refuse(`无法识别的汇总类别：${String(kind)}`);
}

/** A standing the stores can hold exactly: whole, non-negative points, time and attempts. */
export function checkStanding(participantId: string, points: ContestPoints): void {
	if (typeof participantId !== 'string' || participantId === '') refuse('缺少参赛者编号');
	if (!isCount(points?.points) || !isCount(points.timeMs) || !isCount(points.attempts)) {
		refuse('成绩须为非负整数（得分、用时、完成次数）');
	}
}

/** A page of the individual board: a whole offset from 0 and a whole limit. */
export function checkPage(offset: number, limit: number): void {
	if (!isCount(offset) || !isCount(limit)) refuse('榜单分页参数须为非负整数');
}
