// The current page's texts, from the language the root layout loaded.
import { page } from '$app/state';
import { MESSAGES, type Messages } from './messages';
import type { Lang } from './lang';

export function currentLang(): Lang {
	return page.data.lang ?? 'zh';
}

export function texts(): Messages {
	return MESSAGES[currentLang()];
}
