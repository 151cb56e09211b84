/** The product name: the end of every page title. */
export const APP_TITLE = "Claude Code Worker";
