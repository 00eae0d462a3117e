/*
 * segrules_data.c - the abbreviation tables, English sentence starters and
 * domain names behind the built-in segmentation rules (see segrules.h).
 *
 * Only what needs a table is here. Shapes are recognised by the scanner
 * without tables: single letters (initials "A. N. Serdyukov", Russian
 * "г."-like one-letter abbreviations), multi-period abbreviations ("U.S.",
 * "U.S.A.", "a.m.", "Ph.D.", "Л.Н."), numbers, list markers, e-mails,
 * URLs and domain names.
 */
#include "segrules.h"

#define T TERMIN__AB_TITLE
#define P TERMIN__AB_PLAIN

const termin__abbrev termin__abbrev_en[] = {
	/* titles and ranks: always followed by a name */
	{ "Mr", T }, { "Mrs", T }, { "Ms", T }, { "Mx", T }, { "Messrs", T }, { "Mmes", T },
	{ "Dr", T }, { "Drs", T }, { "Prof", T }, { "Profs", T }, { "Rev", T }, { "Revd", T },
	{ "Hon", T }, { "Rt", T }, { "Fr", T }, { "Mme", T }, { "Mlle", T }, { "Mssrs", T },
	{ "St", T }, { "Mt", T }, { "Ft", T }, { "Pres", T }, { "Gov", T }, { "Sen", T },
	{ "Sens", T }, { "Rep", T }, { "Reps", T }, { "Amb", T }, { "Atty", T }, { "Supt", T },
	{ "Insp", T }, { "Gen", T }, { "Col", T }, { "Lt", T }, { "Lieut", T }, { "Capt", T },
	{ "Cpt", T }, { "Sgt", T }, { "Maj", T }, { "Cmdr", T }, { "Cdr", T }, { "Adm", T },
	{ "Brig", T }, { "Cpl", T }, { "Pvt", T }, { "Col.-Gen", T }, { "Lt.-Gen", T },
	{ "Maj.-Gen", T }, { "Lt.-Col", T }, { "Brig.-Gen", T }, { "Gen.-Col", T },
	/* Latin and linking abbreviations: always followed by their complement */
	{ "e.g", T }, { "i.e", T }, { "cf", T }, { "viz", T }, { "vs", T }, { "v", T },
	{ "incl", T }, { "excl", T }, { "approx", T }, { "ca", T },
	/* reference words: no break before the number that follows */
	{ "No", P }, { "Nos", P }, { "no", P }, { "nos", P }, { "Nr", P }, { "nr", P },
	{ "N\xC2\xB0", P }, { "\xE2\x84\x96", P }, { "Art", P }, { "Arts", P }, { "art", P },
	{ "Fig", P }, { "Figs", P }, { "fig", P }, { "p", P }, { "pp", P }, { "Vol", P },
	{ "vol", P }, { "vols", P }, { "Ch", P }, { "ch", P }, { "Chap", P }, { "chap", P },
	{ "Sec", P }, { "sec", P }, { "Sect", P }, { "sect", P }, { "Para", P }, { "para", P },
	{ "paras", P }, { "Tel", P }, { "tel", P }, { "Ed", P }, { "ed", P }, { "eds", P },
	{ "Apt", P }, { "Bldg", P }, { "Rm", P }, { "Tab", P }, { "op", P }, { "cit", P },
	/* ordinary abbreviations that may end a sentence */
	{ "etc", P }, { "al", P }, { "Co", P }, { "co", P }, { "Corp", P }, { "Inc", P },
	{ "Ltd", P }, { "Bros", P }, { "Jr", P }, { "Sr", P }, { "Esq", P }, { "Dept", P },
	{ "dept", P }, { "Univ", P }, { "Assn", P }, { "Assoc", P }, { "Govt", P }, { "Intl", P },
	{ "Natl", P }, { "est", P }, { "appx", P }, { "resp", P }, { "avg", P }, { "min", P },
	{ "max", P }, { "Ave", P }, { "Av", P }, { "Blvd", P }, { "Rd", P }, { "Sq", P },
	{ "Jan", P }, { "Feb", P }, { "Mar", P }, { "Apr", P }, { "Jun", P }, { "Jul", P },
	{ "Aug", P }, { "Sep", P }, { "Sept", P }, { "Oct", P }, { "Nov", P }, { "Dec", P },
	{ "Mon", P }, { "Tue", P }, { "Tues", P }, { "Wed", P }, { "Thu", P }, { "Thur", P },
	{ "Thurs", P }, { "Fri", P }, { "Sat", P }, { "Sun", P },
	{ "km", P }, { "kg", P }, { "hr", P }, { "hrs", P }, { "mins", P }, { "secs", P },
	{ "ft", P }, { "lb", P }, { "lbs", P }, { "oz", P }, { "yd", P }, { "sq", P },
	{ "mln", P }, { "bln", P }, { "bn", P }, { "mn", P }, { "thou", P },
	{ "Calif", P }, { "Mass", P }, { "Wash", P }, { "Penn", P }, { "Ariz", P }, { "Colo", P },
	{ "Conn", P }, { "Fla", P }, { "Ill", P }, { "Mich", P }, { "Minn", P }, { "Tenn", P },
	{ "Tex", P }, { "Wis", P },
	{ NULL, 0 }
};

const termin__abbrev termin__abbrev_ru[] = {
	/* г. (год, город) and гг. never end a sentence: "в 1898 г. В ..." */
	{ "г", T }, { "гг", T }, { "гор", T }, { "им", T }, { "ул", T }, { "пр", T },
	{ "просп", T }, { "пл", T }, { "пер", T }, { "наб", T }, { "корп", T }, { "пос", T },
	{ "пгт", T }, { "дер", T }, { "ст", T }, { "респ", T }, { "Респ", T }, { "оз", T },
	{ "св", T }, { "мл", T }, { "ген", T }, { "подполк", T }, { "лейт", T }, { "адм", T },
	{ "ген.-л", T }, { "ген.-м", T }, { "ген.-п", T }, { "ген.-лейт", T },
	{ "ген.-полк", T }, { "проф", T }, { "акад", T }, { "доц", T }, { "канд", T },
	{ "докт", T }, { "чл", T }, { "чл.-корр", T }, { "засл", T }, { "нар", T },
	{ "зам", T }, { "пред", T }, { "нач", T }, { "тов", T }, { "гр", T }, { "см", T },
	{ "ср", T }, { "напр", T }, { "т.е", T }, { "т.к", T }, { "т.н", T }, { "т.о", T },
	{ "т.ч", T }, { "и.о", T }, { "вр.и.о", T }, { "с.-х", T }, { "ок", T },
	/* may end a sentence, but never before a digit or a lower-case word */
	{ "и пр", P }, { "и др", P }, { "др", P }, { "т.д", P }, { "т.п", P }, { "н.э", P },
	{ "у.е", P }, { "с.г", P }, { "тыс", P }, { "млн", P }, { "млрд", P }, { "трлн", P },
	{ "руб", P }, { "коп", P }, { "долл", P }, { "дол", P }, { "обл", P }, { "вв", P },
	{ "чел", P }, { "экз", P }, { "ед", P }, { "шт", P }, { "кг", P }, { "км", P },
	{ "мм", P }, { "мин", P }, { "сек", P }, { "час", P }, { "мес", P }, { "нед", P },
	{ "сут", P }, { "куб", P }, { "кв", P }, { "Кв", P }, { "куб.м", P }, { "кв.м", P },
	{ "куб.см", P }, { "кв.км", P }, { "англ", P }, { "нем", P }, { "франц", P },
	{ "рус", P }, { "лат", P }, { "греч", P }, { "янв", P }, { "фев", P }, { "февр", P },
	{ "мар", P }, { "апр", P }, { "авг", P }, { "сен", P }, { "сент", P }, { "окт", P },
	{ "ноя", P }, { "нояб", P }, { "дек", P }, { "прим", P }, { "рис", P }, { "табл", P },
	{ "гл", P }, { "разд", P }, { "пп", P }, { "абз", P }, { "прил", P }, { "вып", P },
	{ "изд", P }, { "кн", P }, { "стр", P }, { "тел", P }, { "эт", P },
	{ NULL, 0 }
};

#undef T
#undef P

const char *const termin__starters_en[] = {
	"A", "After", "Also", "Although", "An", "And", "As", "At", "Because", "Before",
	"Being", "Both", "But", "By", "Did", "During", "Each", "Even", "Every", "For", "From",
	"He", "Her", "Here", "His", "How", "However", "I", "If", "In", "It", "Its", "Many",
	"Meanwhile", "Millions", "More", "Moreover", "Most", "My", "Nor", "Now", "Of", "On",
	"One", "Our", "She", "Since", "So", "Some", "Such", "That", "The", "Their", "Then",
	"There", "These", "They", "This", "Those", "Thus", "To", "Today", "Under", "Unlike",
	"We", "What", "When", "Where", "Which", "While", "Who", "Why", "With", "Yet", "You",
	"Your",
	NULL
};

const char *const termin__tlds[] = {
	"com", "net", "org", "edu", "gov", "mil", "int", "info", "biz", "asia", "name", "pro",
	"aero", "coop", "museum", "travel", "mobi", "jobs", "tel", "cat", "post", "online",
	"site", "tech", "app", "dev", "html", "htm", "php", "aspx",
	NULL
};
