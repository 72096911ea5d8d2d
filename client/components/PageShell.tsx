/** The frame of the operational pages (desk, console, mc, admin): title in Vietnamese then English, connection. */
import type { ReactNode } from 'react';
import { ConnectionIndicator } from './ConnectionIndicator.tsx';
import { Heart } from './Heart.tsx';
import { useStateBody } from '../stores/liveStore.ts';
import './page.css';

export function PageShell(props: { title: string; titleEn: string; description: string; descriptionEn: string; children: ReactNode }) {
  const body = useStateBody();
  return (
    <div className="shell">
      <header className="shell__header">
        <Heart className="shell__heart" />
        <div className="shell__titles">
          <h1 className="shell__title">
            {props.title} <span className="shell__title-en en">{props.titleEn}</span>
          </h1>
          <p className="shell__event">{body?.event?.name ?? 'Ngày hội hiến máu “Hải Dương ngàn trái tim hồng”'}</p>
        </div>
        <ConnectionIndicator className="shell__conn" />
      </header>
      <main className="shell__main">
        <p className="shell__desc">
          {props.description} <span className="en">{props.descriptionEn}</span>
        </p>
        {props.children}
      </main>
    </div>
  );
}
