#pragma once

namespace bunny::backend::battles {

constexpr int kStartRating = 1200;
constexpr int kEloK = 32;

/// Elo after one game: scoreA is 1 when A won, 0.5 for a draw, 0 when A lost. Both new
/// ratings are rounded to whole points; B's change is minus A's, so no points appear or vanish.
struct EloResult
{
    int a = kStartRating;
    int b = kStartRating;
};
EloResult eloUpdate(int ratingA, int ratingB, double scoreA, int k = kEloK);

} // namespace bunny::backend::battles
