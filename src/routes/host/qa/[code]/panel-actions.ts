// What a question card may ask of the panel: the session's commands plus the panel's own
// bookkeeping (queueing needs the whole up-next list, banning asks first).
import type { PanelOutcome } from '$lib/client/qa/panel-session.svelte';
import type { QaAction } from '$lib/domain/qa/access';
import type { QaClientEvents, QaModeratorQuestion } from '$lib/protocol';

type Payload<E extends keyof QaClientEvents> = Parameters<QaClientEvents[E]>[0];

export interface PanelActions {
	moderate(p: Payload<'qa:moderate'>): Promise<PanelOutcome>;
	command(p: Payload<'qa:event'>): Promise<PanelOutcome>;
	toggleQueued(id: string): Promise<PanelOutcome>;
	ban(q: QaModeratorQuestion): Promise<PanelOutcome>;
	/** Whether this user's role may do it (hides what the server would refuse). */
	may(action: QaAction): boolean;
	/** How the current user is named on answers (their expert title, or what they typed last). */
	expertName(): string;
	rememberExpertName(name: string): void;
}
