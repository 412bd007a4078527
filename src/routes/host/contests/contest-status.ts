// A contest's state as the organiser's pages name it: a draft, or published and then upcoming,
// running or over by its window (Beijing time is only how the window is shown, not how it is told).
import { windowState, type ContestWindow } from '$lib/domain/contest/calendar';

export type ContestPhase = 'draft' | 'upcoming' | 'open' | 'ended';

export const PHASE_LABELS: Record<ContestPhase, string> = {
	draft: '草稿',
	upcoming: '已发布',
	open: '进行中',
	ended: '已结束'
};

export function contestPhase(
	status: 'draft' | 'published',
	window: ContestWindow,
	now: number
): ContestPhase {
	if (status === 'draft') return 'draft';
	const w = windowState(window, now);
	return w.state;
}
