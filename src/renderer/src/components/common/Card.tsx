import type { ReactNode } from 'react'

/** Props of Card. */
export interface CardProps {
  title: ReactNode
  /** Buttons or a badge at the right of the title. */
  actions?: ReactNode
  className?: string
  testId?: string
  children: ReactNode
}

/** A titled panel: the dashboard and settings are built of these. */
export function Card({ title, actions, className, testId, children }: CardProps) {
  return (
    <section className={className ? `card ${className}` : 'card'} data-testid={testId}>
      <header className="card-head">
        <h2>{title}</h2>
        {actions}
      </header>
      <div className="card-body">{children}</div>
    </section>
  )
}
