/** "direct_deposit_switches.completed" -> "DirectDepositSwitchesCompleted" */
export function pascalName(event: string): string {
  return event
    .split(/[._-]/)
    .filter(Boolean)
    .map((part) => part[0]?.toUpperCase() + part.slice(1))
    .join("");
}

/** "gigs.partially_synced" -> "onGigsPartiallySynced" */
export function handlerName(event: string): string {
  return `on${pascalName(event)}`;
}

export const EVENT_NAME = /^[a-z][a-z_]*\.[a-z][a-z_]*$/;
