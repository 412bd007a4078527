// What a server forked by the room benchmark (room-floor.ts) tells its parent.

export type RoomServerMessage =
	{ type: 'ready'; url: string; pid: number } | { type: 'failed'; message: string };
