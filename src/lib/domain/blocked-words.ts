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
	'尼玛',
	'nmsl'
];
