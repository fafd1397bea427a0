import type { ReactNode } from 'react'

/** Props of Card. */
export interface CardProps {
  title: ReactNode
  /** Buttons or a badge at the right of the title. */
  actions?: ReactNode
  className?: string
  testId?: string
  /** Heading level of the title (cards inside a settings group are h3). @default 2 */
  level?: 2 | 3
  id?: string
  children: ReactNode
}

/** A titled panel: the dashboard and settings are built of these. */
export function Card({ title, actions, className, testId, level = 2, id, children }: CardProps) {
  const Heading = level === 3 ? 'h3' : 'h2'
  return (
    <section
      className={className ? `card ${className}` : 'card'}
      data-testid={testId}
      aria-labelledby={id ? `${id}-title` : undefined}
    >
      <header className="card-head">
        <Heading id={id ? `${id}-title` : undefined}>{title}</Heading>
        {actions}
      </header>
      <div className="card-body">{children}</div>
    </section>
  )
}
