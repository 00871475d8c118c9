// The two-letter (ISO 3166-1 alpha-2) codes of the postal administrations that issue UPU S10
// item numbers (e.g. RB123456785GB ends in GB): the Universal Postal Union's member countries and
// territories with their own postal operator. Source: UPU member countries list (upu.int); the
// S10 standard requires the last two letters to name the issuing operator's country.
const CODES =
  "AE AF AG AL AM AO AR AT AU AZ BA BB BD BE BF BG BH BI BJ BN BO BR BS BT BW BY BZ CA CD CF CG CH CI CL CM CN CO CR CU CV CY CZ " +
  "DE DJ DK DM DO DZ EC EE EG ER ES ET FI FJ FR GA GB GD GE GH GM GN GQ GR GT GW GY HK HN HR HT HU ID IE IL IN IQ IR IS IT JM JO JP " +
  "KE KG KH KI KM KN KP KR KW KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MG MK ML MM MN MR MT MU MV MW MX MY MZ NA NE NG NI NL " +
  "NO NP NR NZ OM PA PE PG PH PK PL PT PY QA RO RS RU RW SA SB SC SD SE SG SI SK SL SM SN SO SR SS ST SV SY SZ TD TG TH TJ TL TM TN " +
  "TO TR TT TV TZ UA UG US UY UZ VA VC VE VN VU WS YE ZA ZM ZW";

const MEMBERS = new Set(CODES.split(" "));

export function isUpuMemberCountry(code: string): boolean {
  return MEMBERS.has(code);
}
