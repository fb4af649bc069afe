namespace Breakwater.Ingest.Flows;

/// <summary>
/// NetFlow v9 / IPFIX state per exporter: templates, sampling rates learnt from options data, and data sets that
/// arrived before their template (held briefly, then counted as dropped). Every part is bounded so that a hostile
/// exporter cannot grow memory: templates per exporter domain, templates in all, pending sets and their bytes.
/// Not thread-safe: one decoder thread owns it.
/// </summary>
public sealed class FlowTemplateCache
{
    public const int DefaultMaxTemplatesPerDomain = 512;
    public const int DefaultMaxTemplates = 16_384;
    public const int MaxPendingSets = 64;
    public const int MaxPendingSetBytes = 65_535;

    private readonly Dictionary<TemplateKey, FlowTemplate> _templates = [];
    private readonly Dictionary<ExporterDomain, int> _templatesPerDomain = [];
    private readonly Dictionary<ExporterDomain, SamplingState> _sampling = [];
    private readonly Dictionary<ExporterDomain, long> _systemInitMs = [];
    private readonly PendingSet[] _pending = new PendingSet[MaxPendingSets];
    private int _pendingCount;

    public FlowTemplateCache(int maxTemplatesPerDomain = DefaultMaxTemplatesPerDomain, int maxTemplates = DefaultMaxTemplates,
        long templateTimeoutNanos = 30L * 60 * 1_000_000_000, long pendingHoldNanos = 2L * 1_000_000_000)
    {
        MaxTemplatesPerDomain = maxTemplatesPerDomain;
        MaxTemplates = maxTemplates;
        TemplateTimeoutNanos = templateTimeoutNanos;
        PendingHoldNanos = pendingHoldNanos;
    }

    public int MaxTemplatesPerDomain { get; }

    public int MaxTemplates { get; }

    /// <summary>A template not refreshed for this long is forgotten (exporters resend templates periodically over UDP).</summary>
    public long TemplateTimeoutNanos { get; }

    /// <summary>How long a data set may wait for its template before it is dropped.</summary>
    public long PendingHoldNanos { get; }

    public int Count => _templates.Count;

    /// <summary>Scratch space for replaying a held data set (one decoder thread owns the cache).</summary>
    internal byte[] ReplayBuffer { get; } = new byte[MaxPendingSetBytes];

    public int PendingCount => _pendingCount;

    /// <summary>Data sets dropped because their template never came in time (or the hold buffer was full).</summary>
    public long PendingDropped { get; private set; }

    public bool TryGet(TemplateKey key, long nowNanos, out FlowTemplate template)
    {
        if (_templates.TryGetValue(key, out template!))
        {
            if (nowNanos - template.ReceivedNanos <= TemplateTimeoutNanos)
            {
                return true;
            }

            Remove(key);
        }

        template = null!;
        return false;
    }

    /// <summary>Adds or refreshes a template; false (a counted drop upstream) when a limit is reached.</summary>
    public bool TryAdd(TemplateKey key, FlowTemplate template)
    {
        var domain = new ExporterDomain(key.Exporter, key.Domain);
        if (_templates.ContainsKey(key))
        {
            _templates[key] = template;
            return true;
        }

        var inDomain = _templatesPerDomain.GetValueOrDefault(domain);
        if (inDomain >= MaxTemplatesPerDomain || _templates.Count >= MaxTemplates)
        {
            return false;
        }

        _templates[key] = template;
        _templatesPerDomain[domain] = inDomain + 1;
        return true;
    }

    public void Remove(TemplateKey key)
    {
        if (_templates.Remove(key))
        {
            var domain = new ExporterDomain(key.Exporter, key.Domain);
            var left = _templatesPerDomain.GetValueOrDefault(domain) - 1;
            if (left <= 0)
            {
                _templatesPerDomain.Remove(domain);
            }
            else
            {
                _templatesPerDomain[domain] = left;
            }
        }
    }

    /// <summary>IPFIX "withdraw all": removes every template of one exporter domain.</summary>
    public void RemoveAll(ExporterDomain domain)
    {
        foreach (var key in _templates.Keys.Where(k => k.Exporter == domain.Exporter && k.Domain == domain.Domain).ToList())
        {
            Remove(key);
        }
    }

    /// <summary>Sampling rate announced by options data: for one sampler id, or the exporter's default (sampler 0).</summary>
    public void SetSamplingRate(ExporterDomain domain, uint samplerId, uint rate)
    {
        if (rate == 0)
        {
            return;
        }

        if (!_sampling.TryGetValue(domain, out var state))
        {
            if (_sampling.Count >= MaxTemplates)
            {
                return;
            }

            state = new SamplingState();
            _sampling[domain] = state;
        }

        state.Set(samplerId, rate);
    }

    /// <summary>The sampling rate for a sampler id, falling back to the domain default; 0 when nothing was announced.</summary>
    public uint GetSamplingRate(ExporterDomain domain, uint samplerId) =>
        _sampling.TryGetValue(domain, out var state) ? state.Get(samplerId) : 0;

    /// <summary>IPFIX systemInitTimeMilliseconds from options data: turns flowEndSysUpTime into wall-clock time.</summary>
    public void SetSystemInit(ExporterDomain domain, long unixMilliseconds)
    {
        if (_systemInitMs.Count < MaxTemplates || _systemInitMs.ContainsKey(domain))
        {
            _systemInitMs[domain] = unixMilliseconds;
        }
    }

    public long GetSystemInit(ExporterDomain domain) => _systemInitMs.GetValueOrDefault(domain);

    /// <summary>Keeps a copy of a data set whose template has not arrived; false when it cannot be held (counted dropped).</summary>
    public bool TryHold(TemplateKey key, in FlowHeaderContext context, ReadOnlySpan<byte> set, long nowNanos)
    {
        ExpirePending(nowNanos);
        if (_pendingCount >= MaxPendingSets || set.Length > MaxPendingSetBytes)
        {
            PendingDropped++;
            return false;
        }

        ref var slot = ref _pending[_pendingCount++];
        slot.Buffer ??= new byte[MaxPendingSetBytes];
        set.CopyTo(slot.Buffer);
        slot.Length = set.Length;
        slot.Key = key;
        slot.Context = context;
        slot.HeldAtNanos = nowNanos;
        return true;
    }

    /// <summary>Drops held sets older than the hold time.</summary>
    public void ExpirePending(long nowNanos)
    {
        for (var i = 0; i < _pendingCount;)
        {
            if (nowNanos - _pending[i].HeldAtNanos > PendingHoldNanos)
            {
                PendingDropped++;
                RemovePendingAt(i);
            }
            else
            {
                i++;
            }
        }
    }

    /// <summary>Takes the first held set for <paramref name="key"/>, copying it into <paramref name="destination"/>.</summary>
    public bool TryTakePending(TemplateKey key, byte[] destination, out int length, out FlowHeaderContext context)
    {
        for (var i = 0; i < _pendingCount; i++)
        {
            if (_pending[i].Key == key)
            {
                length = _pending[i].Length;
                context = _pending[i].Context;
                _pending[i].Buffer!.AsSpan(0, length).CopyTo(destination);
                RemovePendingAt(i);
                return true;
            }
        }

        length = 0;
        context = default;
        return false;
    }

    private void RemovePendingAt(int index)
    {
        var last = --_pendingCount;
        if (index != last)
        {
            // Swap buffers so each slot keeps one buffer: no allocation after warm-up.
            (_pending[index], _pending[last]) = (_pending[last], _pending[index]);
        }
    }

    private struct PendingSet
    {
        public byte[]? Buffer;
        public int Length;
        public TemplateKey Key;
        public FlowHeaderContext Context;
        public long HeldAtNanos;
    }

    private sealed class SamplingState
    {
        private const int MaxSamplers = 256;
        private readonly Dictionary<uint, uint> _bySampler = [];

        public void Set(uint samplerId, uint rate)
        {
            if (_bySampler.Count < MaxSamplers || _bySampler.ContainsKey(samplerId))
            {
                _bySampler[samplerId] = rate;
            }
        }

        public uint Get(uint samplerId) =>
            _bySampler.TryGetValue(samplerId, out var rate) ? rate : _bySampler.GetValueOrDefault(0u);
    }
}
