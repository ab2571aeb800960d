// EmptyHint: the text an empty list shows, painted into a real (offscreen) widget and compared
// pixel for pixel with the same list without a hint.
#include "ui/emptyhint.h"

#include <QImage>
#include <QTableWidget>
#include <QTest>
#include <QTreeWidget>

using bunny::app::EmptyHint;

namespace {

QImage shot(QWidget &w)
{
    w.repaint();
    return w.grab().toImage();
}

void setUp(QTableWidget &t)
{
    t.setColumnCount(2);
    t.setHorizontalHeaderLabels({QStringLiteral("Problem"), QStringLiteral("Level")});
    t.resize(420, 240);
    t.show();
}

void addRow(QTableWidget &t, const QString &text)
{
    const int row = t.rowCount();
    t.insertRow(row);
    t.setItem(row, 0, new QTableWidgetItem(text));
}

} // namespace

class tst_EmptyHint : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void anEmptyListShowsTheTextAndAFilledOneDoesNot()
    {
        QTableWidget hinted, plain;
        setUp(hinted);
        setUp(plain);
        EmptyHint *hint = EmptyHint::install(&hinted, QStringLiteral("No open battles right now."));
        QVERIFY(QTest::qWaitForWindowExposed(&hinted));
        QVERIFY(QTest::qWaitForWindowExposed(&plain));
        QVERIFY(hint->showing());
        QVERIFY(shot(hinted) != shot(plain)); // the text is there

        addRow(hinted, QStringLiteral("Carrot Tally"));
        addRow(plain, QStringLiteral("Carrot Tally"));
        QVERIFY(!hint->showing());
        QCOMPARE(shot(hinted), shot(plain)); // rows only, no text under them

        hinted.setRowCount(0);
        plain.setRowCount(0);
        QVERIFY(hint->showing());
        QVERIFY(shot(hinted) != shot(plain));
    }

    void theTextCanChangeOrGo()
    {
        QTreeWidget hinted, plain;
        for (QTreeWidget *t : {&hinted, &plain}) {
            t->setHeaderLabels({QStringLiteral("Recording")});
            t->resize(420, 240);
            t->show();
        }
        EmptyHint *hint = EmptyHint::install(&hinted, QString());
        QVERIFY(QTest::qWaitForWindowExposed(&hinted));
        QVERIFY(!hint->showing()); // no text: nothing to show
        QCOMPARE(shot(hinted), shot(plain));
        hint->setText(QStringLiteral("No public recordings match “zzz”."));
        QCOMPARE(hint->text(), QStringLiteral("No public recordings match “zzz”."));
        QVERIFY(hint->showing());
        const QImage first = shot(hinted);
        QVERIFY(first != shot(plain));
        hint->setText(QStringLiteral("No public recordings yet."));
        QVERIFY(shot(hinted) != first);
        // The hint belongs to the list: it goes with it, and there is only one.
        QCOMPARE(hinted.findChildren<EmptyHint *>().size(), 1);
    }
};

QTEST_MAIN(tst_EmptyHint)
#include "tst_emptyhint.moc"
