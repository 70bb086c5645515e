/**
 * The cursor's position over the map, held apart from React state: the map reports every mouse move, and only the
 * component reading this store (`useSyncExternalStore`) renders again, not the map view and its legend and tools.
 */
export type CursorPosition = { lon: number; lat: number } | null;

export class CursorStore {
  private position: CursorPosition = null;
  private readonly listeners = new Set<() => void>();

  readonly set = (position: CursorPosition): void => {
    this.position = position;
    for (const listener of this.listeners) listener();
  };

  readonly get = (): CursorPosition => this.position;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}
