// The contest-day requests of a player's phone: the room's teams before joining, the buzz and the
// 风险题 stake. Sits beside PlayerSession on the same socket; outcomes are kept as data (error
// bodies, places) for the page to word.
import type { ErrorBody, TeamsInfo } from '../protocol';
import type { BuzzOutcome } from './phone-screen';
import { isUnanswered, request, type AndaClientSocket } from './socket';

export class RoundsPhone {
	/** The room's teams; null until asked, or when the room has none. */
	teams = $state<TeamsInfo | null>(null);
	/** Whether the teams have been asked for (and answered, or found absent). */
	teamsKnown = $state(false);
	buzz = $state<BuzzOutcome | null>(null);
	buzzing = $state(false);
	/** The stake on its way, and why the last one was refused. */
	staking = $state<number | null>(null);
	stakeError = $state<ErrorBody | null>(null);

	private readonly socket: AndaClientSocket;
	private readonly pin: string;
	private asking: Promise<TeamsInfo | null> | null = null;

	constructor(socket: AndaClientSocket, pin: string) {
		this.socket = socket;
		this.pin = pin;
	}

	/** The teams to pick from; asked once (again after a failure), null for a room without teams. */
	loadTeams(): Promise<TeamsInfo | null> {
		this.asking ??= (async () => {
			const res = await request(this.socket, 'player:teams', { pin: this.pin });
			if (isUnanswered(res)) {
				// Asked again at the next attempt; the join itself says TEAM_REQUIRED if needed.
				this.asking = null;
				return null;
			}
			this.teams =
				res.ok && res.teams.length > 0
					? { teams: res.teams, audience: res.audience, roster: res.roster === true }
					: null;
			this.teamsKnown = true;
			return this.teams;
		})();
		return this.asking;
	}

	/** A tap on the buzzer: sent at once, with no confirmation; a second tap waits for the first. */
	async pressBuzz(index: number) {
		if (this.buzzing) return;
		this.buzzing = true;
		const res = await request(this.socket, 'player:buzz', { index });
		this.buzzing = false;
		if (res.ok) {
			this.buzz = {
				index,
				kind: 'placed',
				position: res.position,
				marginMs: res.marginMs,
				won: res.won
			};
		} else {
			this.buzz = { index, kind: 'refused', code: res.error.code, message: res.error.message };
		}
	}

	/** Chooses (or changes) the stake for the upcoming 风险题. */
	async chooseStake(index: number, stake: number) {
		this.staking = stake;
		this.stakeError = null;
		const res = await request(this.socket, 'player:stake', { index, stake });
		if (this.staking !== stake) return; // a newer choice took its place
		this.staking = null;
		if (!res.ok) this.stakeError = res.error;
	}

	/** A new question: the last buzz and stake outcomes belonged to the previous one. */
	forget(index: number) {
		if (this.buzz && this.buzz.index !== index) this.buzz = null;
		this.stakeError = null;
	}
}
