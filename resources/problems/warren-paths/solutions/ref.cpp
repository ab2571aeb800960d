#include <iostream>
#include <queue>
#include <string>
#include <vector>

int main()
{
    int h = 0, w = 0;
    std::cin >> h >> w;
    std::vector<std::string> grid(h);
    for (auto &row : grid)
        std::cin >> row;
    int start = 0, end = 0;
    for (int r = 0; r < h; ++r) {
        for (int c = 0; c < w; ++c) {
            if (grid[r][c] == 'S')
                start = r * w + c;
            if (grid[r][c] == 'E')
                end = r * w + c;
        }
    }
    std::vector<int> dist(h * w, -1);
    std::queue<int> queue;
    dist[start] = 0;
    queue.push(start);
    const int dr[] = {-1, 1, 0, 0}, dc[] = {0, 0, -1, 1};
    while (!queue.empty()) {
        const int cell = queue.front();
        queue.pop();
        const int r = cell / w, c = cell % w;
        for (int k = 0; k < 4; ++k) {
            const int nr = r + dr[k], nc = c + dc[k];
            if (nr < 0 || nr >= h || nc < 0 || nc >= w || grid[nr][nc] == '#' || dist[nr * w + nc] >= 0)
                continue;
            dist[nr * w + nc] = dist[cell] + 1;
            queue.push(nr * w + nc);
        }
    }
    std::cout << dist[end] << '\n';
}
