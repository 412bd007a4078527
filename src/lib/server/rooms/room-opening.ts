// Opening a room: a fresh PIN, the lobby state and the room's control (a quick room's secret, or
// its signed-in owner and organisation, and then a screen link token), written in one store call.
import type { Quiz } from '../../domain/question';
import { createRoomState } from '../../domain/room';
import { TEAMS_MAX } from '../../domain/rounds/plan';
import type { StoredRoom } from '../live/port';
import { RoomError } from './errors';
import type { RoomContext } from './room-context';
import { planOf } from './room-plan';
import { hashSecret, newPin, newSecret } from './secrets';

/** The signed-in host opening a room, and the organisation it is opened for (if any). */
export interface RoomOwner {
	userId: string;
	orgId: string | null;
}

const PIN_ATTEMPTS = 20;

export class RoomOpening {
	constructor(private readonly ctx: RoomContext) {}

	/** Opens a quick room, controlled by the secret returned (only its hash is stored). */
	async createRoom(quiz: Quiz): Promise<{ pin: string; hostSecret: string }> {
		const hostSecret = newSecret();
		const pin = await this.open(quiz, {
			hostSecretHash: hashSecret(hostSecret),
			ownerUserId: null,
			orgId: null,
			coHostIds: [],
			// A quick room's screen needs only the PIN: a classroom projector, nothing to sign in.
			screenToken: null
		});
		return { pin, hostSecret };
	}

	/**
	 * Opens a room controlled by its owner's sessions (and co-hosts); there is no secret. Its
	 * screen needs the screen link's token (or a host's session), not only the PIN: a found PIN
	 * must not put an organisation's room on anyone's screen.
	 */
	async createOwnedRoom(quiz: Quiz, owner: RoomOwner): Promise<{ pin: string }> {
		const pin = await this.open(quiz, {
			hostSecretHash: null,
			ownerUserId: owner.userId,
			orgId: owner.orgId,
			coHostIds: [],
			screenToken: newSecret()
		});
		return { pin };
	}

	/**
	 * A quiz whose teams are the organisation's departments gets them copied in as the room opens:
	 * the room plays with the departments as they were, whatever changes later.
	 */
	private async withTeams(quiz: Quiz, orgId: string | null): Promise<Quiz> {
		let teams = quiz.teams;
		if (!teams) return quiz;
		if (teams.fromDepartments) {
			const names =
				orgId && this.ctx.deps.departments ? await this.ctx.deps.departments(orgId) : [];
			teams = {
				...teams,
				fromDepartments: false,
				list: names.slice(0, TEAMS_MAX).map((name) => ({ name }))
			};
		}
		// Placed by the roster: each team's headcount is its roster unit's (the participation rate).
		const roster = this.ctx.deps.roster;
		if (teams.fromRoster && orgId && roster) {
			const sizes = new Map((await roster.units(orgId)).map((u) => [u.name, u.headcount]));
			teams = {
				...teams,
				list: teams.list.map((t) => {
					const headcount = sizes.get(t.name);
					return headcount ? { ...t, headcount } : t;
				})
			};
		}
		return { ...quiz, teams };
	}

	private async open(given: Quiz, control: Omit<StoredRoom, 'state' | 'quiz'>): Promise<string> {
		const quiz = await this.withTeams(given, control.orgId);
		for (let attempt = 0; attempt < PIN_ATTEMPTS; attempt++) {
			const pin = newPin();
			const state = createRoomState({
				pin,
				quizId: quiz.id,
				title: quiz.title,
				settings: quiz.settings,
				questionCount: quiz.questions.length,
				now: this.ctx.now(),
				plan: planOf(quiz)
			});
			if (await this.ctx.live.createRoom({ state, quiz, ...control })) {
				this.ctx.remember(pin, { quiz, orgId: control.orgId });
				return pin;
			}
		}
		throw new RoomError('INTERNAL', 'no free PIN');
	}
}
