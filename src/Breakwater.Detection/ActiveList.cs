namespace Breakwater.Detection;

/// <summary>
/// Ids of slots whose run is pending or open, so that seconds in which they get no traffic still close for them.
/// Removal is lazy: <see cref="Compact"/> drops ids whose run went back to idle.
/// </summary>
internal sealed class ActiveList
{
    private readonly List<int> _ids = [];
    private readonly Func<int, bool> _isActive;
    private bool[] _listed;

    /// <summary>An empty list for ids below <paramref name="capacity"/> (it grows on demand); <paramref name="isActive"/> tells
    /// whether the slot of an id still has a pending or open run (one delegate per owner, not per call).</summary>
    public ActiveList(int capacity, Func<int, bool> isActive)
    {
        _listed = new bool[Math.Max(capacity, 1)];
        _isActive = isActive;
    }

    public int Count => _ids.Count;

    public int this[int index] => _ids[index];

    public void Add(int id)
    {
        if (id >= _listed.Length)
        {
            Array.Resize(ref _listed, Math.Max(id + 1, _listed.Length * 2));
        }

        if (!_listed[id])
        {
            _listed[id] = true;
            _ids.Add(id);
        }
    }

    public void Compact()
    {
        var kept = 0;
        for (var i = 0; i < _ids.Count; i++)
        {
            var id = _ids[i];
            if (_isActive(id))
            {
                _ids[kept++] = id;
            }
            else
            {
                _listed[id] = false;
            }
        }

        _ids.RemoveRange(kept, _ids.Count - kept);
    }
}
