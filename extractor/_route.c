/* The inner loop of extractor.segmenter: jieba's DAG and best route over one block, in C.
 *
 * The dictionary (words and every prefix of a word, as Segmenter.words holds it) is kept
 * as a trie in one open-addressing hash table: an edge is (parent node, character) ->
 * (child node, log probability of the string the child spells; 0.0 for a prefix that is
 * no word). Segmenter._block in segmenter.py is the reference this must agree with, to
 * the bit: the same additions of the same doubles, the same comparisons, the same ties.
 * tests/test_segmenter.py checks both against jieba itself.
 *
 * The HMM over runs of single characters (Segmenter._single_run, _hmm, _viterbi) is here
 * too, for the same reason: called from Python it took two thirds of the time.
 *
 * Optional: when this module cannot be built, segmenter.py runs its Python loop instead.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define CP_BITS 21
#define EMPTY UINT64_MAX

typedef struct {
    uint64_t key;  /* parent node << CP_BITS | code point; EMPTY if the slot is free */
    double logp;
    uint32_t child;
} Edge;

typedef struct {
    PyObject_HEAD
    Edge *slots;
    size_t mask;   /* capacity - 1; capacity is a power of two */
    size_t used;
    uint32_t nodes; /* node 0 is the root */
    double unknown;  /* the log probability of a character that is no word */
    /* jieba.finalseg's model: start and the eight transitions Segmenter._viterbi reads,
     * and per Han character (HAN_FIRST..HAN_LAST) its emissions in B, M, E and S */
    double start[4], trans[8];
    double *emit;
    PyObject *force_split;  /* a frozenset of words HMM must not join */
} Trie;

#define HAN_FIRST 0x4E00
#define HAN_LAST 0x9FD5
#define MIN_FLOAT (-3.14e100)

static inline uint64_t mix(uint64_t x) { /* splitmix64's finalizer */
    x ^= x >> 30; x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27; x *= 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

static inline Edge *find(const Trie *t, uint64_t key) {
    size_t i = (size_t)mix(key) & t->mask;
    for (;;) {
        Edge *e = &t->slots[i];
        if (e->key == key || e->key == EMPTY) return e;
        i = (i + 1) & t->mask;
    }
}

static int grow(Trie *t) {
    size_t cap = (t->mask + 1) * 2;
    Edge *old = t->slots, *fresh = malloc(cap * sizeof(Edge));
    if (!fresh) { PyErr_NoMemory(); return -1; }
    for (size_t i = 0; i < cap; i++) fresh[i].key = EMPTY;
    size_t oldcap = t->mask + 1;
    t->slots = fresh;
    t->mask = cap - 1;
    for (size_t i = 0; i < oldcap; i++) {
        if (old[i].key != EMPTY) *find(t, old[i].key) = old[i];
    }
    free(old);
    return 0;
}

static int Trie_init(Trie *self, PyObject *args, PyObject *kwds) {
    static char *kwlist[] = {NULL};
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "", kwlist)) return -1;
    free(self->slots);
    size_t cap = 1024;
    self->slots = malloc(cap * sizeof(Edge));
    if (!self->slots) { PyErr_NoMemory(); return -1; }
    for (size_t i = 0; i < cap; i++) self->slots[i].key = EMPTY;
    self->mask = cap - 1;
    self->used = 0;
    self->nodes = 1;
    return 0;
}

static void Trie_dealloc(Trie *self) {
    free(self->slots);
    free(self->emit);
    Py_XDECREF(self->force_split);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

/* The edge from `node` by code point `cp`, created (as a prefix, 0.0) if missing. */
static Edge *edge(Trie *t, uint32_t node, Py_UCS4 cp) {
    uint64_t key = ((uint64_t)node << CP_BITS) | cp;
    Edge *e = find(t, key);
    if (e->key == EMPTY) {
        if ((t->used + 1) * 2 > t->mask + 1) {
            if (grow(t) < 0) return NULL;
            e = find(t, key);
        }
        e->key = key;
        e->logp = 0.0;
        e->child = t->nodes++;
        t->used++;
    }
    return e;
}

/* add(words, logp): words is a str of words joined by "\n", logp a buffer of doubles,
 * one per word (0.0 for a prefix that is no word). */
static PyObject *Trie_add(Trie *self, PyObject *args) {
    PyObject *words;
    Py_buffer buf;
    if (!PyArg_ParseTuple(args, "Uy*", &words, &buf)) return NULL;
    const double *logp = buf.buf;
    Py_ssize_t count = buf.len / (Py_ssize_t)sizeof(double), w = 0;
    int kind = PyUnicode_KIND(words);
    const void *data = PyUnicode_DATA(words);
    Py_ssize_t n = PyUnicode_GET_LENGTH(words);
    uint32_t node = 0;
    Edge *last = NULL;
    for (Py_ssize_t i = 0; i <= n; i++) {
        Py_UCS4 cp = i < n ? PyUnicode_READ(kind, data, i) : '\n';
        if (cp == '\n') {
            if (last != NULL) {
                if (w >= count) break;
                if (logp[w] != 0.0) last->logp = logp[w];
            }
            w++;
            node = 0;
            last = NULL;
            continue;
        }
        last = edge(self, node, cp);
        if (last == NULL) { PyBuffer_Release(&buf); return NULL; }
        node = last->child;
    }
    PyBuffer_Release(&buf);
    if (w != count) {
        PyErr_Format(PyExc_ValueError, "%zd words but %zd log probabilities", w, count);
        return NULL;
    }
    Py_RETURN_NONE;
}

/* The log probability of one string (None if it is neither a word nor a prefix). */
/* The edge that spells the characters [a, b) of a string from the root, or NULL when
 * they are neither a word nor a prefix of one (or a == b). */
static const Edge *walk(const Trie *t, int kind, const void *data, Py_ssize_t a, Py_ssize_t b) {
    uint32_t node = 0;
    const Edge *e = NULL;
    for (Py_ssize_t i = a; i < b; i++) {
        e = find(t, ((uint64_t)node << CP_BITS) | PyUnicode_READ(kind, data, i));
        if (e->key == EMPTY) return NULL;
        node = e->child;
    }
    return e;
}

static PyObject *Trie_get(Trie *self, PyObject *arg) {
    if (!PyUnicode_Check(arg)) { PyErr_SetString(PyExc_TypeError, "a str is needed"); return NULL; }
    const Edge *e = walk(self, PyUnicode_KIND(arg), PyUnicode_DATA(arg), 0, PyUnicode_GET_LENGTH(arg));
    if (e == NULL) Py_RETURN_NONE;
    return PyFloat_FromDouble(e->logp);
}

/* set_hmm(unknown, start, trans8, emit4, force_split): the rest of what a cut reads, as
 * Segmenter holds it (start: 4 floats, trans8: 8, emit4: {char: 4 floats}). */
static PyObject *Trie_set_hmm(Trie *self, PyObject *args) {
    PyObject *start, *trans, *emit, *force;
    double unknown;
    if (!PyArg_ParseTuple(args, "dOOO!O!", &unknown, &start, &trans, &PyDict_Type, &emit, &PyFrozenSet_Type, &force))
        return NULL;
    PyObject *seqs[2] = {start, trans};
    double *dests[2] = {self->start, self->trans};
    Py_ssize_t sizes[2] = {4, 8};
    for (int k = 0; k < 2; k++) {
        PyObject *seq = PySequence_Fast(seqs[k], "start and trans8 are sequences of floats");
        if (seq == NULL) return NULL;
        if (PySequence_Fast_GET_SIZE(seq) != sizes[k]) {
            Py_DECREF(seq);
            return PyErr_Format(PyExc_ValueError, "expected %zd floats", sizes[k]);
        }
        for (Py_ssize_t i = 0; i < sizes[k]; i++) {
            dests[k][i] = PyFloat_AsDouble(PySequence_Fast_GET_ITEM(seq, i));
        }
        Py_DECREF(seq);
        if (PyErr_Occurred()) return NULL;
    }
    size_t count = (size_t)(HAN_LAST - HAN_FIRST + 1) * 4;
    double *table = malloc(count * sizeof(double));
    if (table == NULL) return PyErr_NoMemory();
    for (size_t i = 0; i < count; i++) table[i] = MIN_FLOAT;
    PyObject *key, *value;
    Py_ssize_t pos = 0;
    while (PyDict_Next(emit, &pos, &key, &value)) {
        if (!PyUnicode_Check(key) || PyUnicode_GET_LENGTH(key) != 1) continue;
        Py_UCS4 cp = PyUnicode_READ_CHAR(key, 0);
        if (cp < HAN_FIRST || cp > HAN_LAST) continue;  /* only Han runs reach the HMM */
        PyObject *seq = PySequence_Fast(value, "emissions are four floats");
        if (seq == NULL || PySequence_Fast_GET_SIZE(seq) != 4) {
            Py_XDECREF(seq);
            free(table);
            if (!PyErr_Occurred()) PyErr_SetString(PyExc_ValueError, "emissions are four floats");
            return NULL;
        }
        for (int s = 0; s < 4; s++) table[(cp - HAN_FIRST) * 4 + s] = PyFloat_AsDouble(PySequence_Fast_GET_ITEM(seq, s));
        Py_DECREF(seq);
        if (PyErr_Occurred()) { free(table); return NULL; }
    }
    free(self->emit);
    self->emit = table;
    self->unknown = unknown;
    Py_INCREF(force);
    Py_XSETREF(self->force_split, force);
    Py_RETURN_NONE;
}

typedef struct {
    Trie *trie;
    PyObject *text;
    int kind;
    const void *data;
    PyObject *out;
} Cut;

static int append_span(Cut *c, Py_ssize_t a, Py_ssize_t b) {
    PyObject *span = Py_BuildValue("(nn)", a, b);
    if (span == NULL) return -1;
    int rc = PyList_Append(c->out, span);
    Py_DECREF(span);
    return rc;
}

static int append_singles(Cut *c, Py_ssize_t a, Py_ssize_t b) {
    for (Py_ssize_t i = a; i < b; i++) {
        if (append_span(c, i, i + 1) < 0) return -1;
    }
    return 0;
}

#define CHAR(c, i) PyUnicode_READ((c)->kind, (c)->data, (i))

/* Segmenter._emit_word */
static int emit_word(Cut *c, Py_ssize_t a, Py_ssize_t b) {
    if (b - a > 1 && PySet_GET_SIZE(c->trie->force_split) > 0) {
        PyObject *word = PyUnicode_Substring(c->text, a, b);
        if (word == NULL) return -1;
        int split = PySet_Contains(c->trie->force_split, word);
        Py_DECREF(word);
        if (split < 0) return -1;
        if (split) return append_singles(c, a, b);
    }
    return append_span(c, a, b);
}

/* Segmenter._viterbi over the Han characters text[a:b] */
static int viterbi(Cut *c, Py_ssize_t a, Py_ssize_t b) {
    const Trie *t = c->trie;
    const double *tr = t->trans;
    const double t_eb = tr[0], t_sb = tr[1], t_mm = tr[2], t_bm = tr[3], t_be = tr[4], t_me = tr[5],
                 t_ss = tr[6], t_es = tr[7];
    Py_ssize_t n = b - a;
    unsigned char *back = malloc((size_t)n * 4), *states = malloc((size_t)n);
    if (back == NULL || states == NULL) { free(back); free(states); PyErr_NoMemory(); return -1; }
    const double *e = &t->emit[(CHAR(c, a) - HAN_FIRST) * 4];
    double v_b = t->start[0] + e[0], v_m = t->start[1] + e[1], v_e = t->start[2] + e[2], v_s = t->start[3] + e[3];
    for (Py_ssize_t k = 1; k < n; k++) {
        e = &t->emit[(CHAR(c, a + k) - HAN_FIRST) * 4];
        unsigned char *choice = &back[(k - 1) * 4];
        double x, y, n_b, n_m, n_e, n_s;
        /* the same additions in the same order as the Python, and the same ties */
        x = v_e + t_eb + e[0]; y = v_s + t_sb + e[0];
        if (x > y) { n_b = x; choice[0] = 2; } else { n_b = y; choice[0] = 3; }
        x = v_m + t_mm + e[1]; y = v_b + t_bm + e[1];
        if (x >= y) { n_m = x; choice[1] = 1; } else { n_m = y; choice[1] = 0; }
        x = v_b + t_be + e[2]; y = v_m + t_me + e[2];
        if (x > y) { n_e = x; choice[2] = 0; } else { n_e = y; choice[2] = 1; }
        x = v_s + t_ss + e[3]; y = v_e + t_es + e[3];
        if (x >= y) { n_s = x; choice[3] = 3; } else { n_s = y; choice[3] = 2; }
        v_b = n_b; v_m = n_m; v_e = n_e; v_s = n_s;
    }
    unsigned char state = v_e > v_s ? 2 : 3;
    states[n - 1] = state;
    for (Py_ssize_t k = n - 1; k > 0; k--) {
        state = back[(k - 1) * 4 + state];
        states[k - 1] = state;
    }
    free(back);
    Py_ssize_t begin = a, next = a;
    int rc = 0;
    for (Py_ssize_t k = 0; k < n && rc == 0; k++) {
        Py_ssize_t i = a + k;
        if (states[k] == 0) {
            begin = i;
        } else if (states[k] == 2) {
            rc = emit_word(c, begin, i + 1);
            next = i + 1;
        } else if (states[k] == 3) {
            rc = append_span(c, i, i + 1);
            next = i + 1;
        }
    }
    free(states);
    if (rc == 0 && next < b) rc = emit_word(c, next, b);
    return rc;
}

static inline int is_alnum(Py_UCS4 ch) {
    return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}

/* Segmenter._hmm_other: each match of [a-zA-Z0-9]+(?:\.\d+)?%? is a token, and so is
 * each stretch between them. (Only ASCII digits reach here: a block holds no others.) */
static int hmm_other(Cut *c, Py_ssize_t a, Py_ssize_t b) {
    Py_ssize_t pos = a, i = a;
    while (i < b) {
        if (!is_alnum(CHAR(c, i))) { i++; continue; }
        Py_ssize_t j = i + 1;
        while (j < b && is_alnum(CHAR(c, j))) j++;
        if (j + 1 < b && CHAR(c, j) == '.' && CHAR(c, j + 1) >= '0' && CHAR(c, j + 1) <= '9') {
            j += 2;
            while (j < b && CHAR(c, j) >= '0' && CHAR(c, j) <= '9') j++;
        }
        if (j < b && CHAR(c, j) == '%') j++;
        if (i > pos && append_span(c, pos, i) < 0) return -1;
        if (append_span(c, i, j) < 0) return -1;
        pos = i = j;
    }
    return pos < b ? append_span(c, pos, b) : 0;
}

static inline int is_han(Py_UCS4 ch) { return ch >= HAN_FIRST && ch <= HAN_LAST; }

/* Segmenter._hmm: Han runs through Viterbi, the rest as _hmm_other cuts it */
static int hmm(Cut *c, Py_ssize_t a, Py_ssize_t b) {
    Py_ssize_t pos = a, i = a;
    while (i < b) {
        if (!is_han(CHAR(c, i))) { i++; continue; }
        Py_ssize_t j = i + 1;
        while (j < b && is_han(CHAR(c, j))) j++;
        if (i > pos && hmm_other(c, pos, i) < 0) return -1;
        if (viterbi(c, i, j) < 0) return -1;
        pos = i = j;
    }
    return pos < b ? hmm_other(c, pos, b) : 0;
}

/* The dictionary's log probability of text[a:b]; 0.0 if it is a prefix or nothing. */
static double lookup(const Cut *c, Py_ssize_t a, Py_ssize_t b) {
    const Edge *e = walk(c->trie, c->kind, c->data, a, b);
    return e == NULL ? 0.0 : e->logp;
}

/* Segmenter._single_run */
static int single_run(Cut *c, Py_ssize_t a, Py_ssize_t b) {
    if (b - a == 1) return append_span(c, a, b);
    if (lookup(c, a, b) != 0.0) return append_singles(c, a, b);
    return hmm(c, a, b);
}

/* cut(text, start, end, out): Segmenter._block over text[start:end], appending the
 * spans of its tokens to out. */
static PyObject *Trie_cut(Trie *self, PyObject *args) {
    PyObject *text, *out;
    Py_ssize_t start, end;
    if (!PyArg_ParseTuple(args, "UnnO!", &text, &start, &end, &PyList_Type, &out)) return NULL;
    if (self->emit == NULL || self->force_split == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "set_hmm() first");
        return NULL;
    }
    if (start < 0 || end > PyUnicode_GET_LENGTH(text) || start > end) {
        PyErr_SetString(PyExc_IndexError, "block outside the text");
        return NULL;
    }
    Py_ssize_t n = end - start;
    if (n == 0) Py_RETURN_NONE;
    Cut c = {self, text, PyUnicode_KIND(text), PyUnicode_DATA(text), out};
    double *score = malloc((size_t)(n + 1) * sizeof(double));
    Py_ssize_t *best_end = malloc((size_t)n * sizeof(Py_ssize_t));
    if (!score || !best_end) { free(score); free(best_end); return PyErr_NoMemory(); }
    score[n] = 0.0;
    for (Py_ssize_t idx = n - 1; idx >= 0; idx--) {
        double best = -INFINITY;
        Py_ssize_t bj = idx + 1;
        int found = 0;
        uint32_t node = 0;
        for (Py_ssize_t j = idx; j < n; j++) {
            const Edge *e = find(self, ((uint64_t)node << CP_BITS) | CHAR(&c, start + j));
            if (e->key == EMPTY) break;  /* text[idx:j+1] is neither a word nor a prefix */
            node = e->child;
            if (e->logp != 0.0) {
                double s = e->logp + score[j + 1];
                if (s >= best) {  /* ties go to the longer word, as in jieba */
                    best = s;
                    bj = j + 1;
                    found = 1;
                }
            }
        }
        if (found) {
            score[idx] = best;
            best_end[idx] = bj;
        } else {
            score[idx] = self->unknown + score[idx + 1];
            best_end[idx] = idx + 1;
        }
    }
    free(score);
    int rc = 0;
    Py_ssize_t x = 0, run = -1;
    while (x < n && rc == 0) {
        Py_ssize_t y = best_end[x];
        if (y - x == 1) {
            if (run < 0) run = x;
        } else {
            if (run >= 0) {
                rc = single_run(&c, start + run, start + x);
                run = -1;
            }
            if (rc == 0) rc = append_span(&c, start + x, start + y);
        }
        x = y;
    }
    if (rc == 0 && run >= 0) rc = single_run(&c, start + run, end);
    free(best_end);
    if (rc < 0) return NULL;
    Py_RETURN_NONE;
}

static PyMethodDef Trie_methods[] = {
    {"add", (PyCFunction)Trie_add, METH_VARARGS, "add(words, logp): words joined by newlines, their log probabilities"},
    {"get", (PyCFunction)Trie_get, METH_O, "get(s): the log probability of s, 0.0 for a prefix, None if neither"},
    {"set_hmm", (PyCFunction)Trie_set_hmm, METH_VARARGS, "set_hmm(unknown, start, trans8, emit4, force_split)"},
    {"cut", (PyCFunction)Trie_cut, METH_VARARGS, "cut(text, start, end, out): the spans of a block's tokens"},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject TrieType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "extractor._route.Trie",
    .tp_basicsize = sizeof(Trie),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "jieba's dictionary as a trie, and its best route through a block",
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)Trie_init,
    .tp_dealloc = (destructor)Trie_dealloc,
    .tp_methods = Trie_methods,
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, .m_name = "_route", .m_doc = "jieba's best route, in C", .m_size = -1,
};

PyMODINIT_FUNC PyInit__route(void) {
    if (PyType_Ready(&TrieType) < 0) return NULL;
    PyObject *m = PyModule_Create(&module);
    if (m == NULL) return NULL;
    Py_INCREF(&TrieType);
    if (PyModule_AddObject(m, "Trie", (PyObject *)&TrieType) < 0) {
        Py_DECREF(&TrieType);
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
