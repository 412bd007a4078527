// What the room service asks the transport to deliver (and the one thing it asks it: which player
// sockets it holds); implemented over Socket.IO, recorded in tests.
import type { AnswerProgress, PlayerSummary, RoomView } from '../../protocol';
import type { RankedResult } from '../live/port';

export interface RoomBroadcast {
	/** The new view, to the room's clients its phase is for (domain/view.ts viewAudience), encoded once. */
	view(pin: string, view: RoomView): void;
	playerJoined(pin: string, player: PlayerSummary, count: number): void;
	playerLeft(pin: string, playerId: string, count: number): void;
	progress(pin: string, progress: AnswerProgress): void;
	/**
	 * A question was just scored: its reveal view to hosts and screens, and from every process to
	 * each of its connected players with their own result, in one frame. `results`: the question's
	 * results as this process just scored and stored them, so that its own players' need not be
	 * read back from the store (other processes read them there).
	 */
	revealed(pin: string, view: RoomView, results?: readonly RankedResult[]): void;
	kicked(pin: string, playerId: string): void;
	/** State changed: the process holding the room's clock re-reads its deadline. */
	stateChanged(pin: string): void;
	/**
	 * The player sockets this process holds, by room (player → sockets): what its presence is
	 * restored to after it was taken for dead. No transport attached: nothing (undefined).
	 */
	localPlayers(): Promise<Map<string, Map<string, number>>> | undefined;
}
