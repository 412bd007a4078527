// What the pages say about a room besides its phase: work the server is still finishing (scores of
// a closed question, the finished game's record), and a room that has vanished under a page.
import type { Phase } from '../domain/room';
import type { RoomView } from '../protocol';

/** Work still being finished (retried while the store is unavailable); shown as "计分中…" / "成绩保存中…". */
export type RoomWork = 'scoring' | 'saving';

export function roomWork(view: RoomView | null): RoomWork | null {
	if (view?.scoring) return 'scoring';
	if (view?.saving) return 'saving';
	return null;
}

/** The finished game's record exists: the results page can be opened. */
export function resultsSaved(view: RoomView | null): boolean {
	return view?.phase === 'ended' && !view.saving;
}

/**
 * Why a room this browser was in can no longer be played when the server says it does not exist:
 * `restarted` — this page saw it running, so the server lost it (an embedded server keeps rooms in
 * memory, and a restart loses them); `closed` — this browser had joined or opened it (it keeps the
 * token or host secret) but has not seen it running since, so it may also have ended long ago.
 * Null when nothing says the room ever existed here: then the PIN itself may be wrong.
 */
export type RoomLoss = 'restarted' | 'closed';

export function roomLoss(lastPhase: Phase | null, joinedHere: boolean): RoomLoss | null {
	if (lastPhase !== null && lastPhase !== 'ended') return 'restarted';
	if (lastPhase === 'ended' || joinedHere) return 'closed';
	return null;
}
