// Who may control a room: a quick room's secret holder, or its signed-in owner and co-hosts who
// are still members of the room's organisation.
import type { HostControl } from '../../protocol';
import { RoomError } from './errors';
import type { RoomContext } from './room-context';
import { secretMatches, tokensEqual } from './secrets';

/** Who asks to control a room: a quick room's secret, or a signed-in user. */
export type HostCredential = { secret: string } | { userId: string };

const MAX_CO_HOSTS = 20;

export class RoomAccess {
	constructor(private readonly ctx: RoomContext) {}

	private async room(pin: string) {
		const room = await this.ctx.live.getRoom(pin);
		if (!room) throw new RoomError('ROOM_NOT_FOUND');
		return room;
	}

	private async member(orgId: string, userId: string): Promise<boolean> {
		return (await this.ctx.deps.isMember?.(orgId, userId)) ?? false;
	}

	async verifyHost(pin: string, secret: string): Promise<void> {
		await this.authorizeHost(pin, { secret });
	}

	/**
	 * With a quick room's secret, whoever holds it; a signed-in user only if they opened the room
	 * or were added as co-host, and (for an organisation's room) are still a member of that
	 * organisation. Anyone else gets NOT_HOST.
	 */
	async authorizeHost(pin: string, cred: HostCredential): Promise<HostControl> {
		const room = await this.room(pin);
		if ('secret' in cred) {
			if (room.hostSecretHash === null || !secretMatches(cred.secret, room.hostSecretHash)) {
				throw new RoomError('NOT_HOST');
			}
			return 'secret';
		}
		const control: HostControl | null =
			room.ownerUserId !== null && room.ownerUserId === cred.userId
				? 'owner'
				: room.coHostIds.includes(cred.userId)
					? 'cohost'
					: null;
		if (!control) throw new RoomError('NOT_HOST');
		if (room.orgId !== null && !(await this.member(room.orgId, cred.userId))) {
			throw new RoomError('NOT_HOST', '你已不是本组织的成员，不能主持这个房间');
		}
		return control;
	}

	/**
	 * Whether a screen may watch the room: a quick room by its PIN alone; a room opened by a
	 * signed-in host with its screen link's token, or in a browser signed in as one of its hosts.
	 * Anyone else gets SCREEN_LINK_REQUIRED.
	 */
	async authorizeScreen(
		pin: string,
		token: string | undefined,
		signedIn: () => Promise<string | null>
	): Promise<void> {
		const room = await this.room(pin);
		if (room.screenToken === null) return;
		if (token !== undefined && tokensEqual(token, room.screenToken)) return;
		const userId = await signedIn();
		if (userId) {
			try {
				await this.authorizeHost(pin, { userId });
				return;
			} catch (e) {
				if (!(e instanceof RoomError)) throw e;
			}
		}
		throw new RoomError('SCREEN_LINK_REQUIRED');
	}

	/** The screen link's token, for the room's hosts (null: the PIN is enough). */
	async screenToken(pin: string): Promise<string | null> {
		return (await this.room(pin)).screenToken;
	}

	/** The room's co-hosts (user ids); only its owner may ask. */
	async coHosts(pin: string, ownerUserId: string): Promise<string[]> {
		const room = await this.room(pin);
		if (room.ownerUserId !== ownerUserId) throw new RoomError('NOT_HOST');
		return room.coHostIds;
	}

	/** Display names of the room's co-hosts, for its owner. */
	async coHostNames(pin: string, ownerUserId: string): Promise<string[]> {
		const ids = await this.coHosts(pin, ownerUserId);
		const users = this.ctx.deps.users;
		if (!users) return [];
		const found = await Promise.all(ids.map((id) => users.byId(id)));
		return found.filter((u) => u !== null).map((u) => u.displayName);
	}

	/**
	 * The owner adds a co-host by email; returns their display name. Unknown and non-member
	 * addresses are refused alike (NOT_MEMBER), so that the form reveals no accounts.
	 */
	async addCoHostByEmail(pin: string, ownerUserId: string, email: string): Promise<string> {
		const user = (await this.ctx.deps.users?.byEmail(email)) ?? null;
		await this.addCoHost(pin, ownerUserId, user?.id ?? null);
		return user!.displayName;
	}

	/**
	 * The owner adds a co-host, who must be a member of the room's organisation. Only the owner
	 * may; a quick room or a room outside any organisation has no co-hosts.
	 */
	async addCoHost(pin: string, ownerUserId: string, coHostUserId: string | null): Promise<void> {
		const room = await this.room(pin);
		if (room.ownerUserId === null || room.ownerUserId !== ownerUserId) {
			throw new RoomError('NOT_HOST', '只有开房的主持人可以添加协同主持');
		}
		if (room.orgId === null) {
			throw new RoomError('NOT_MEMBER', '这个房间不属于任何组织，不能添加协同主持');
		}
		if (coHostUserId === null || !(await this.member(room.orgId, coHostUserId))) {
			throw new RoomError('NOT_MEMBER');
		}
		if (coHostUserId === ownerUserId)
			throw new RoomError('BAD_REQUEST', '你已经是这个房间的主持人');
		if (room.coHostIds.includes(coHostUserId)) return;
		if (room.coHostIds.length >= MAX_CO_HOSTS) {
			throw new RoomError('BAD_REQUEST', `协同主持最多 ${MAX_CO_HOSTS} 人`);
		}
		if (!(await this.ctx.live.addCoHost(pin, coHostUserId))) throw new RoomError('ROOM_NOT_FOUND');
	}
}
