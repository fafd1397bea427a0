import { useT } from '../../i18n/i18n'
import { useApp } from '../../store/hooks'
import { ConnectPanel } from '../connect/ConnectPanel'
import { RoomsPanel } from '../connect/RoomsPanel'
import { ControlsPanel } from '../controls/ControlsPanel'
import { AckPanel } from './AckPanel'
import { AiPanel } from './AiPanel'
import { Alerts } from './Alerts'
import { CachePanel, DropsPanel } from './CacheDrops'
import { EngineHealth } from './EngineHealth'
import { FeedPanel } from './FeedPanel'
import { NowPlaying } from './NowPlaying'
import { PoolsPanel } from './PoolsPanel'
import { QueueChart } from './QueueChart'
import { StatTiles } from './StatTiles'

/** The live page: source and controls on the left, what the pipeline is doing on the right. */
export function Dashboard() {
  const t = useT()
  const hasStatus = useApp((s) => s.status !== null)
  return (
    <div className="dashboard" data-testid="dashboard">
      <aside className="dash-side" aria-label={t('dash.side')}>
        <ConnectPanel />
        <RoomsPanel />
        <NowPlaying />
        <ControlsPanel />
      </aside>
      <section className="dash-main">
        <Alerts />
        {!hasStatus ? <p className="banner banner-info">{t('dash.notConnected')}</p> : null}
        <StatTiles />
        <AckPanel />
        <QueueChart />
        <div className="dash-pair">
          <PoolsPanel />
          <div className="dash-stack">
            <EngineHealth />
            <AiPanel />
            <CachePanel />
            <DropsPanel />
          </div>
        </div>
        <FeedPanel />
      </section>
    </div>
  )
}
