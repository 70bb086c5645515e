/**
 * A windowed list of fixed-height rows: only the rows in view (plus a few either side) are in the DOM, so a
 * table of 10,000 rejected rows costs as much as one of 20. The list fills its parent's height.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';

interface VirtualListProps {
  itemCount: number;
  rowHeightPx: number;
  renderRow: (index: number) => ReactNode;
  /** Fixed height; omitted = fill the parent (which must have a definite height). */
  heightPx?: number;
  /** Rows rendered beyond each edge of the view. */
  overscan?: number;
  className?: string;
  /** Scrolls so this row is visible when it changes. */
  scrollToIndex?: number;
  ariaLabel?: string;
  /** Least width of the rows (CSS); a narrower list scrolls sideways. */
  minWidth?: string;
  /** Told the list's horizontal scroll, px, at each scroll (a header kept in line with the rows). */
  onScrollLeft?: (leftPx: number) => void;
}

export function VirtualList({
  itemCount,
  rowHeightPx,
  renderRow,
  heightPx,
  overscan = 6,
  className,
  scrollToIndex,
  ariaLabel,
  minWidth,
  onScrollLeft,
}: VirtualListProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const [scrollTopPx, setScrollTopPx] = useState(0);
  const [viewHeightPx, setViewHeightPx] = useState(heightPx ?? 400);

  useEffect(() => {
    const container = containerRef.current;
    if (container === null || heightPx !== undefined) return;
    const observer = new ResizeObserver(() => setViewHeightPx(container.clientHeight));
    observer.observe(container);
    setViewHeightPx(container.clientHeight);
    return () => observer.disconnect();
  }, [heightPx]);

  useEffect(() => {
    const container = containerRef.current;
    if (container === null || scrollToIndex === undefined || scrollToIndex < 0) return;
    const topPx = scrollToIndex * rowHeightPx;
    if (topPx < container.scrollTop || topPx + rowHeightPx > container.scrollTop + container.clientHeight) {
      container.scrollTop = Math.max(0, topPx - container.clientHeight / 2);
    }
  }, [scrollToIndex, rowHeightPx]);

  const first = Math.max(0, Math.floor(scrollTopPx / rowHeightPx) - overscan);
  const last = Math.min(itemCount, Math.ceil((scrollTopPx + viewHeightPx) / rowHeightPx) + overscan);
  const rows: ReactNode[] = [];
  for (let index = first; index < last; index++) {
    rows.push(
      <div key={index} className="virtual-row" style={{ top: index * rowHeightPx, height: rowHeightPx }}>
        {renderRow(index)}
      </div>,
    );
  }

  return (
    <div
      ref={containerRef}
      className={`virtual-list ${className ?? ''}`}
      // a fixed height must not be stretched by a flex parent (the list would grow to all its rows, drawing a few)
      style={heightPx === undefined ? undefined : { height: heightPx, flex: 'none' }}
      onScroll={(event) => {
        setScrollTopPx(event.currentTarget.scrollTop);
        onScrollLeft?.(event.currentTarget.scrollLeft);
      }}
      role="rowgroup"
      aria-label={ariaLabel}
    >
      <div className="virtual-spacer" style={{ height: itemCount * rowHeightPx, minWidth }}>
        {rows}
      </div>
    </div>
  );
}
