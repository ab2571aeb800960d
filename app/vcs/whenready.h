#pragma once

#include <QFuture>
#include <QFutureWatcher>
#include <QObject>

namespace bunny::vcs {

/// Calls `handler(result)` on `context`'s thread when `future` finishes; never after `context`
/// is destroyed (the watcher is its child), which QFuture::then cannot promise on Qt 6.4.
template<typename T, typename Handler>
void whenReady(QObject *context, const QFuture<T> &future, Handler handler)
{
    auto *watcher = new QFutureWatcher<T>(context);
    QObject::connect(watcher, &QFutureWatcherBase::finished, context,
                     [watcher, handler = std::move(handler)]() mutable {
                         if (watcher->future().resultCount() > 0)
                             handler(watcher->result());
                         watcher->deleteLater();
                     });
    watcher->setFuture(future);
}

} // namespace bunny::vcs
