/** The view on top of the stack, in the body area between the header and the footer. */
import type { RefObject } from 'react';
import type { ViewEntry } from '../../state/views.js';
import type { Session } from '../session.js';
import type { ViewData } from './viewData.js';
import { PodTextView } from './PodTextView.js';
import { PortsView } from './PortsView.js';
import { InsideView } from './InsideView.js';
import { ContainersView } from './ContainersView.js';
import { ForwardsView } from './ForwardsView.js';
import { LogsView } from './LogsView.js';
import { ReachView } from './ReachView.js';
import { ApplyView } from './ApplyView.js';
import { RestartLinesView } from './RestartLinesView.js';
import type { ForwardInfo } from '../../domain/portForwardView.js';

export interface ViewBodyProps {
  top: ViewEntry;
  session: Session;
  width: number;
  height: number;
  viewData: RefObject<ViewData | undefined>;
  forwards: readonly ForwardInfo[];
}

export function ViewBody({ top, session, width, height, viewData, forwards }: ViewBodyProps) {
  switch (top.kind) {
    case 'text':
      if (top.text === 'ports')
        return <PortsView entry={top} session={session} width={width} height={height} viewData={viewData} />;
      if (top.text === 'restarts')
        return (
          <RestartLinesView entry={top} session={session} width={width} height={height} viewData={viewData} />
        );
      if (top.text === 'inside')
        return <InsideView entry={top} session={session} width={width} height={height} viewData={viewData} />;
      return <PodTextView entry={top} session={session} width={width} height={height} viewData={viewData} />;
    case 'containers':
      return (
        <ContainersView entry={top} session={session} width={width} height={height} viewData={viewData} />
      );
    case 'logs':
      return <LogsView entry={top} session={session} width={width} height={height} viewData={viewData} />;
    case 'forwards':
      return (
        <ForwardsView entry={top} forwards={forwards} width={width} height={height} viewData={viewData} />
      );
    case 'reach':
      return <ReachView entry={top} session={session} width={width} height={height} viewData={viewData} />;
    case 'apply':
      return <ApplyView entry={top} width={width} height={height} />;
  }
}
