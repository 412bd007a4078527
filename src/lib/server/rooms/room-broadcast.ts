// What the room service asks the transport to deliver; implemented over Socket.IO, recorded in tests.
import type { AnswerProgress, PlayerSummary, RoomView } from '../../protocol';

export interface RoomBroadcast {
	/** The new view, to every client of the room (encoded once). */
	view(pin: string, view: RoomView): void;
	playerJoined(pin: string, player: PlayerSummary, count: number): void;
	playerLeft(pin: string, playerId: string, count: number): void;
	progress(pin: string, progress: AnswerProgress): void;
	/** Every process delivers question `index`'s results to its own connected players. */
	resultsReady(pin: string, index: number): void;
	kicked(pin: string, playerId: string): void;
	/** State changed: the process holding the room's clock re-reads its deadline. */
	stateChanged(pin: string): void;
}
