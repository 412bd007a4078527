// Offensive terms refused in nicknames, lower case, without spaces. Kept short and unambiguous so
// that ordinary names are not caught (e.g. "scunthorpe" problems): whole slurs and obscenities only.
export const BLOCKED_WORDS: readonly string[] = [
	// English
	'fuck',
	'shit',
	'bitch',
	'cunt',
	'asshole',
	'nigger',
	'nigga',
	'faggot',
	'whore',
	'motherfucker',
	'dickhead',
	'retard',
	// Chinese
	'傻逼',
	'傻b',
	'煞笔',
	'沙比',
	'操你',
	'草你妈',
	'肏',
	'屄',
	'他妈的',
	'贱人',
	'婊子',
	'狗日',
	'王八蛋',
	'去死',
	// Not '尼玛': it is one of the commonest Tibetan given names (尼玛次仁, 扎西尼玛).
	'nmsl'
];

/** Ordinary names that contain a blocked term ("Scunthorpe" problems): never refused for it. */
export const ALLOWED_WORDS: readonly string[] = [
	'scunthorpe',
	// Japanese surnames in -shita (下)
	'matsushita',
	'yamashita',
	'kinoshita',
	'morishita',
	'miyashita',
	'takeshita',
	// An Indian given name
	'kshitij'
];
