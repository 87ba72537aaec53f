<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
  <context>
    <name>BinaryAdditionView</name>
    <message>
      <location filename="../../lstm_studio/ui/panels/predictions.py" line="210" />
      <source>Bits are written most significant first, as people write numbers; the network reads them from the right. Wrong bits are red. The carry row is the true carry into each bit, as in column addition: a bit of a + b is a + b + carry in its column, modulo 2, and the carry of 1 + 1 goes on to the next column.</source>
      <translation>各位按从最高位到最低位的顺序书写，和人们平时写数字一样；网络则从右往左读取。错误的位显示为红色。“进位”一行是进入每一位的真实进位，和列竖式做加法一样：a + b 的一位等于这一列的 a + b + 进位再对 2 取余，1 + 1 的进位则进到下一列。</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/predictions.py" line="218" />
      <source>The last row is how sure the network is of each bit it wrote, in percent.</source>
      <translation>最后一行是网络对它写出的每一位有多大把握，以百分比表示。</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/predictions.py" line="221" />
      <source>Point at the bits to see the network's probabilities.</source>
      <translation>将鼠标指向各位，即可查看网络给出的概率。</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/predictions.py" line="223" />
      <source>a + b = …</source>
      <translation>a + b = …</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/predictions.py" line="245" />
      <source>{a} + {b} = {pred} (true {true})</source>
      <translation>{a} + {b} = {pred}（正确答案 {true}）</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/predictions.py" line="267" />
      <source>carry</source>
      <translation>进位</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/predictions.py" line="273" />
      <source>a + b</source>
      <translation>a + b</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/predictions.py" line="278" />
      <source>network</source>
      <translation>网络</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/predictions.py" line="286" />
      <source>sure %</source>
      <translation>把握 %</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/predictions.py" line="295" />
      <source>P(bit = 1), most significant first: {p}</source>
      <translation>P(该位 = 1)，从最高位开始：{p}</translation>
    </message>
  </context>
  <context>
    <name>CellDiagramPanel</name>
    <message>
      <location filename="../../lstm_studio/ui/panels/diagram.py" line="1068" />
      <source>a, input: −3 … 3</source>
      <translation>a，输入：−3 … 3</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/diagram.py" line="1069" />
      <source>input: −3 … 3</source>
      <translation>输入：−3 … 3</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/diagram.py" line="1070" />
      <source>c, input: −3 … 3</source>
      <translation>c，输入：−3 … 3</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/diagram.py" line="1071" />
      <source>tanh, h: −1 … 1</source>
      <translation>tanh，h：−1 … 1</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/diagram.py" line="1073" />
      <source>σ gates: 0 … 1</source>
      <translation>σ 门：0 … 1</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/diagram.py" line="1164" />
      <source>Peephole: the gate sees the cell state through a diagonal weight, one number per unit (rnn.weight_ch_l{k})</source>
      <translation>窥视孔连接：门通过一个对角权重看到单元状态，每个单元一个数（rnn.weight_ch_l{k}）</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/diagram.py" line="1282" />
      <source>layer {k}'s h, unit {u} of {H}</source>
      <translation>第 {k} 层的 h，单元 {u}（共 {H} 个）</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/diagram.py" line="1291" />
      <source>the input (D = 1)</source>
      <translation>输入（D = 1）</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/diagram.py" line="1289" />
      <location filename="../../lstm_studio/ui/panels/diagram.py" line="1294" />
      <location filename="../../lstm_studio/ui/panels/diagram.py" line="1297" />
      <source>the input (D = {D})</source>
      <translation>输入（D = {D}）</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/diagram.py" line="1304" />
      <source>Train or step to see the values</source>
      <translation>训练或单步执行后即可看到数值</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/diagram.py" line="1357" />
      <source>Layer {layer}, unit {unit}, step t = {t}</source>
      <translation>第 {layer} 层，单元 {unit}，时间步 t = {t}</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/diagram.py" line="1302" />
      <source>hover over or click a part for its equation</source>
      <translation>将鼠标悬停在某个部件上或点击它，查看其方程</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/diagram.py" line="1064" />
      <source>δ: −10 … −10⁻⁵, 0, 10⁻⁵ … 10 (log |δ|)</source>
      <translation>δ：−10 … −10⁻⁵，0，10⁻⁵ … 10（log |δ|）</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/diagram.py" line="1276" />
      <source>layer {k}'s [h→ ; h←], 2H = {n} values</source>
      <translation>第 {k} 层的 [h→ ; h←]，2H = {n} 个值</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/diagram.py" line="1309" />
      <source>this snapshot carries no backward pass</source>
      <translation>此快照不含反向传播数据</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/diagram.py" line="1314" />
      <source>Backward pass: δ of the loss at τ = {tau}, at t = {t}</source>
      <translation>反向传播：τ = {tau} 处损失的 δ，在 t = {t}</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/diagram.py" line="1316" />
      <source>Backward pass: δ flows from τ = {tau} on to t = {t}</source>
      <translation>反向传播：δ 从 τ = {tau} 向后流到 t = {t}</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/diagram.py" line="1318" />
      <source>Backward pass: δ flows from τ = {tau} back to t = {t}</source>
      <translation>反向传播：δ 从 τ = {tau} 流回 t = {t}</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/diagram.py" line="1320" />
      <source>{run}, unit {unit}</source>
      <translation>{run}，单元 {unit}</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/diagram.py" line="1324" />
      <source>layer {layer}, unit {unit}</source>
      <translation>第 {layer} 层，单元 {unit}</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/diagram.py" line="1354" />
      <source>{run}, unit {unit}, step t = {t}</source>
      <translation>{run}，单元 {unit}，时间步 t = {t}</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/diagram.py" line="1379" />
      <source>Truncation cuts here (every k = {k} steps): δh&lt;sub&gt;t−1&lt;/sub&gt; and δc&lt;sub&gt;t−1&lt;/sub&gt; are computed but not passed on to step {p}</source>
      <translation>截断在此处（每 k = {k} 步）：δh&lt;sub&gt;t−1&lt;/sub&gt; 和 δc&lt;sub&gt;t−1&lt;/sub&gt; 已计算，但不再传给第 {p} 步</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/diagram.py" line="1384" />
      <source>Truncation cuts here (every k = {k} steps): δh&lt;sub&gt;t−1&lt;/sub&gt; is computed but not passed on to step {p}</source>
      <translation>截断在此处（每 k = {k} 步）：δh&lt;sub&gt;t−1&lt;/sub&gt; 已计算，但不再传给第 {p} 步</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/diagram.py" line="1414" />
      <source>What this layer sends down to the input, the layer below's h</source>
      <translation>本层向下传给输入（下一层的 h）的误差项</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/diagram.py" line="1417" />
      <source>No δ of its own in this drawing: its δ is part of its neighbours'</source>
      <translation>在此图中没有自己的 δ：它的 δ 包含在相邻部件的 δ 中</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/diagram.py" line="1420" />
      <source>The input at this step</source>
      <translation>当前时间步的输入</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/diagram.py" line="1421" />
      <source>The hidden state of the previous step</source>
      <translation>上一时间步的隐藏状态</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/diagram.py" line="1422" />
      <source>The cell state of the previous step</source>
      <translation>上一时间步的单元状态</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/diagram.py" line="314" />
      <source>Kept plus written</source>
      <extracomment>the δ scale: symmetric and logarithmic in |δ|, white at |δ| &lt;= 1e-5, full at &gt;= 10 (six decades: a gradient vanishing or exploding back through time stays readable)</extracomment>
      <translation>保留的部分加上写入的部分</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/diagram.py" line="405" />
      <source>Old state kept plus new candidate</source>
      <translation>保留的旧状态加上新的候选值</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/diagram.py" line="326" />
      <source>The output gate lets part of it through</source>
      <translation>输出门让其中一部分通过</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/diagram.py" line="1453" />
      <location filename="../../lstm_studio/ui/panels/diagram.py" line="1456" />
      <source>(the initial state is zero)</source>
      <translation>（初始状态为零）</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/diagram.py" line="1530" />
      <source>The product with the transposed weights adds up {n} terms, one per gate unit j of the layer ({G} blocks × H = {H}): W[j, u] · δa&lt;sub&gt;t&lt;/sub&gt;[j]</source>
      <translation>与转置权重相乘是 {n} 项之和，本层每个门单元 j 一项（{G} 个块 × H = {H}）：W[j, u] · δa&lt;sub&gt;t&lt;/sub&gt;[j]</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/diagram.py" line="1584" />
      <source>This step adds to row {u} of the gradients:</source>
      <translation>这一步加到梯度第 {u} 行的量：</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/diagram.py" line="1605" />
      <source>x_t = [h→^{{({k})}}_t ; h←^{{({k})}}_t], both directions of layer {k} (2H = {n} values), ‖x_t‖ = {norm}</source>
      <translation>x_t = [h→^{{({k})}}_t ; h←^{{({k})}}_t]，第 {k} 层两个方向的隐藏状态（2H = {n} 个值），‖x_t‖ = {norm}</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/diagram.py" line="1610" />
      <source>x_t = h^{{({k})}}_t, the hidden state of layer {k} (a vector of H = {H} values); at unit {u}: {value}</source>
      <translation>x_t = h^{{({k})}}_t，第 {k} 层的隐藏状态（由 H = {H} 个值组成的向量）；单元 {u} 处：{value}</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/diagram.py" line="1617" />
      <source>x_t = x_{{{t}}} = one-hot({char}): 1 for the character read, 0 for the other {others}</source>
      <translation>x_t = x_{{{t}}} = one-hot({char})：读入的字符处为 1，其余 {others} 个字符处为 0</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/diagram.py" line="1624" />
      <source>x_t = x_{{{t}}}: {D} values, ‖x_t‖ = {norm}</source>
      <translation>x_t = x_{{{t}}}：{D} 个值，‖x_t‖ = {norm}</translation>
    </message>
  </context>
  <context>
    <name>ColumnPicker</name>
    <message>
      <location filename="../../lstm_studio/ui/panels/predictions.py" line="384" />
      <source>Search columns</source>
      <translation>搜索列</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/predictions.py" line="394" />
      <source>Tick the columns to draw, at most {n} at once</source>
      <translation>勾选要绘制的列，一次最多 {n} 列</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/predictions.py" line="424" />
      <source>{shown} of {total} columns drawn</source>
      <translation>已绘制 {shown} / {total} 列</translation>
    </message>
  </context>
  <context>
    <name>CopyView</name>
    <message>
      <location filename="../../lstm_studio/ui/panels/predictions.py" line="778" />
      <source>The network sees {k} symbols out of {A} ({first}–{last}), then {d} blank steps, then must write the symbols back in order. Wrong ones are red; the last row is its probability for each symbol it wrote, in percent. Chance is {chance:.3g} %.</source>
      <translation>网络先看到 {k} 个符号（从 {A} 个符号 {first}–{last} 中选出），接着是 {d} 个空白时间步，然后必须按顺序把这些符号写回来。写错的显示为红色；最后一行是它对写出的每个符号给出的概率，以百分比表示。随机猜中的概率为 {chance:.3g} %。</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/predictions.py" line="805" />
      <source>Recalled {right} of {k} symbols</source>
      <translation>{k} 个符号中回忆出 {right} 个</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/predictions.py" line="816" />
      <source>shown</source>
      <translation>给出的</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/predictions.py" line="818" />
      <source>recalled</source>
      <translation>回忆出的</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/predictions.py" line="821" />
      <source>sure %</source>
      <translation>把握 %</translation>
    </message>
  </context>
  <context>
    <name>DecayPanel</name>
    <message>
      <location filename="../../lstm_studio/ui/panels/decay.py" line="544" />
      <source>t (timestep)</source>
      <translation>t（时间步）</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/decay.py" line="277" />
      <source>||∂l&lt;sub&gt;τ&lt;/sub&gt; / ∂h&lt;sub&gt;t&lt;/sub&gt;||</source>
      <translation>||∂l&lt;sub&gt;τ&lt;/sub&gt; / ∂h&lt;sub&gt;t&lt;/sub&gt;||</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/decay.py" line="875" />
      <source>no gradient from τ={tau} reaches t={t}: on the way back it became exactly zero (saturated units pass nothing back)</source>
      <translation>τ={tau} 处的梯度到不了 t={t}：往回传的路上它变成了零（饱和的单元什么也传不回去）</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/decay.py" line="590" />
      <location filename="../../lstm_studio/ui/panels/decay.py" line="608" />
      <location filename="../../lstm_studio/ui/panels/decay.py" line="919" />
      <source>layer {n}</source>
      <translation>第 {n} 层</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/decay.py" line="810" />
      <source>c (dashed)</source>
      <translation>c（虚线）</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/decay.py" line="316" />
      <source>factor per step ‖∂h&lt;sub&gt;t&lt;/sub&gt;/∂h&lt;sub&gt;t−1&lt;/sub&gt;‖&lt;sub&gt;2&lt;/sub&gt;; the curve above ≤ their product</source>
      <translation>每步因子 ‖∂h&lt;sub&gt;t&lt;/sub&gt;/∂h&lt;sub&gt;t−1&lt;/sub&gt;‖&lt;sub&gt;2&lt;/sub&gt;；上方曲线 ≤ 它们的乘积</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/decay.py" line="339" />
      <source>σ&lt;sub&gt;i&lt;/sub&gt;(W&lt;sub&gt;hh&lt;/sub&gt;)</source>
      <translation>σ&lt;sub&gt;i&lt;/sub&gt;(W&lt;sub&gt;hh&lt;/sub&gt;)</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/decay.py" line="384" />
      <source>Top: how strongly the loss at the scored step τ still depends on the hidden state at each earlier step t. Flat: the network can still learn from step t. Falling to the left: the gradient vanishes, the network forgets. Rising to the left: it explodes. Below: the factor each step back multiplies its size by, at most; the curve above is their product. Right: the singular values of W_hh. Faded lines are earlier snapshots.</source>
      <translation>上图：计分步 τ 上的损失在多大程度上仍依赖于每个更早时间步 t 的隐藏状态。平坦：网络仍能从第 t 步学习。向左下降：梯度消失，网络会遗忘。向左上升：梯度爆炸。下图：每往回一步，梯度大小最多乘以的因子；上方曲线就是这些因子的乘积。右图：W_hh 的奇异值。颜色较淡的线是更早的快照。</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/decay.py" line="409" />
      <source>→ and ←</source>
      <translation>→ 和 ←</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/decay.py" line="410" />
      <source>→ only (from τ back to 0)</source>
      <translation>只看 →（从 τ 传回 0）</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/decay.py" line="411" />
      <source>← only (from τ on to T − 1)</source>
      <translation>只看 ←（从 τ 传到 T − 1）</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/decay.py" line="414" />
      <source>A bidirectional model has a curve per layer and direction: → (dark) carries the gradient of l_τ back from τ to 0, ← (light) on from τ to T − 1</source>
      <translation>双向模型的每一层、每个方向各有一条曲线：→（深色）把 l_τ 的梯度从 τ 传回 0，←（浅色）从 τ 传到 T − 1</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/decay.py" line="422" />
      <source>Directions:</source>
      <translation>方向：</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/decay.py" line="545" />
      <source>t: the character read at each step</source>
      <translation>t：每一步读入的字符</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/decay.py" line="556" />
      <source>hover the curves to read a step</source>
      <translation>将鼠标悬停在曲线上可读取该步的数值</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/decay.py" line="593" />
      <source>factor ‖∂h_t/∂h_t−1‖₂</source>
      <translation>每步因子 ‖∂h_t/∂h_t−1‖₂</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/decay.py" line="596" />
      <source>t = {t} · {what}: {values}</source>
      <translation>t = {t} · {what}：{values}</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/decay.py" line="612" />
      <source>singular value {i} of W_hh: {values}</source>
      <translation>W_hh 的第 {i} 个奇异值：{values}</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/decay.py" line="715" />
      <source>τ = {tau} (scored step)</source>
      <translation>τ = {tau}（计分步）</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/decay.py" line="767" />
      <source>not
measured</source>
      <translation>未
测量</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/decay.py" line="780" />
      <source>← cut: every {k} steps</source>
      <translation>← 截断：每 {k} 步</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/decay.py" line="796" />
      <source>cut: truncated every {k} steps</source>
      <translation>截断：每 {k} 步截断一次</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/decay.py" line="816" />
      <source>earlier snapshots</source>
      <translation>较早的快照</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/decay.py" line="852" />
      <source>one step: nothing to compare</source>
      <translation>只有一步：无可比较</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/decay.py" line="854" />
      <source>τ = 0: no earlier step to reach</source>
      <translation>τ = 0：没有更早的步可以到达</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/decay.py" line="856" />
      <source>τ = {tau} is the last step: no later step to reach</source>
      <translation>τ = {tau} 是最后一步：之后没有时间步可到达</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/decay.py" line="861" />
      <source>the ← run's gradient was cut at step {cut} = τ (truncated every {k} steps): it reaches no later step</source>
      <translation>← 方向的梯度在第 {cut} 步 = τ 处被截断（每 {k} 步截断一次）：到不了任何更晚的时间步</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/decay.py" line="866" />
      <source>the gradient was cut at step {cut} = τ (truncated every {k} steps): it reaches no earlier step</source>
      <translation>梯度在第 {cut} 步 = τ 处被截断（每 {k} 步截断一次）：到不了任何更早的时间步</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/decay.py" line="870" />
      <source>the ratio is undefined (the gradient at τ={tau} is zero)</source>
      <translation>比值无定义（τ={tau} 处的梯度为零）</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/decay.py" line="882" />
      <source>at t={t} the gradient is {ratio} of its size at τ={tau} (×{step} per step)</source>
      <translation>t={t} 处的梯度是其在 τ={tau} 处大小的 {ratio}（每步 ×{step}）</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/decay.py" line="892" />
      <source>at t={t} the gradient is {ratio} times its size at τ={tau} (×{step} per step)</source>
      <translation>t={t} 处的梯度是其在 τ={tau} 处大小的 {ratio} 倍（每步 ×{step}）</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/decay.py" line="903" />
      <source>← cut after step {cut} (truncated every {k} steps), zero after; </source>
      <translation>← 在第 {cut} 步之后截断（每 {k} 步截断一次），之后为零；</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/decay.py" line="910" />
      <source>cut at step {cut} (truncated every {k} steps), zero before; </source>
      <translation>在第 {cut} 步截断（每 {k} 步截断一次），之前为零；</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/decay.py" line="917" />
      <source>; through c: {ratio}</source>
      <translation>；经由 c：{ratio}</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/decay.py" line="926" />
      <source>Both directions: the → run carries the gradient of l&lt;sub&gt;τ&lt;/sub&gt; back from τ to 0, the ← run on from τ to T − 1 (it read those steps after τ).</source>
      <translation>双向：→ 方向把 l&lt;sub&gt;τ&lt;/sub&gt; 的梯度从 τ 传回 0，← 方向则从 τ 传到 T − 1（它在读到 τ 之后才读那些时间步）。</translation>
    </message>
  </context>
  <context>
    <name>Directions</name>
    <message>
      <location filename="../../lstm_studio/ui/panels/base.py" line="49" />
      <source>layer {n}</source>
      <translation>第 {n} 层</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/base.py" line="51" />
      <source>layer {n} →</source>
      <translation>第 {n} 层 →</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/base.py" line="52" />
      <source>layer {n} ←</source>
      <translation>第 {n} 层 ←</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/base.py" line="89" />
      <source>← reverse: reads t from T − 1 down to 0</source>
      <translation>← 逆向：t 从 T − 1 读到 0</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/base.py" line="90" />
      <source>→ forward: reads t from 0 up to T − 1</source>
      <translation>→ 正向：t 从 0 读到 T − 1</translation>
    </message>
  </context>
  <context>
    <name>DockTitleBar</name>
    <message>
      <location filename="../../lstm_studio/ui/dock_title.py" line="125" />
      <source>What am I looking at?</source>
      <translation>这里显示的是什么？</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/dock_title.py" line="138" />
      <source>Save this panel as a PNG or SVG picture</source>
      <translation>将此面板保存为 PNG 或 SVG 图片</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/dock_title.py" line="146" />
      <source>Float or dock this panel</source>
      <translation>浮动或停靠此面板</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/dock_title.py" line="151" />
      <source>Hide this panel (View menu shows it again)</source>
      <translation>隐藏此面板（可从“视图”菜单重新显示）</translation>
    </message>
  </context>
  <context>
    <name>EquationsPanel</name>
    <message>
      <location filename="../../lstm_studio/ui/panels/equations.py" line="106" />
      <source>Build a model to see its equations</source>
      <translation>构建模型以查看其方程</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/equations.py" line="149" />
      <source>One step t of one layer, for all H units at once. σ is the logistic sigmoid, ⊙ the element-wise product; x&lt;sub&gt;t&lt;/sub&gt; is the layer's input (the D = {D} input values for layer 1, the hidden state of the layer below for the others), h&lt;sub&gt;t−1&lt;/sub&gt; the layer's previous hidden state (zero at t = 0).</source>
      <translation>一个层在一个时间步 t 上的计算，同时作用于全部 H 个单元。σ 是 sigmoid（逻辑斯蒂）函数，⊙ 是逐元素乘积；x&lt;sub&gt;t&lt;/sub&gt; 是该层的输入（第 1 层为 D = {D} 个输入值，其余各层为其下方一层的隐藏状态），h&lt;sub&gt;t−1&lt;/sub&gt; 是该层上一步的隐藏状态（t = 0 时为零）。</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/equations.py" line="164" />
      <source>The head reads both directions of the top layer at every step, 2H = {H2} values (y&lt;sub&gt;t&lt;/sub&gt;, O = {O} values).</source>
      <translation>输出头在每一步读取最上层两个方向的隐藏状态，共 2H = {H2} 个值（y&lt;sub&gt;t&lt;/sub&gt;，O = {O} 个值）。</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/equations.py" line="169" />
      <source>The head reads the top layer's hidden state at every step (y&lt;sub&gt;t&lt;/sub&gt;, O = {O} values).</source>
      <translation>输出头在每一步读取顶层的隐藏状态（y&lt;sub&gt;t&lt;/sub&gt;，共 O = {O} 个值）。</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/equations.py" line="174" />
      <source>Backward pass: one step back</source>
      <translation>反向传播：回退一步</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/equations.py" line="178" />
      <source>The gradient of the loss at the scored step τ is carried back one step at a time, from τ to 0 (backpropagation through time). δ is the tutorials' error term: δh&lt;sub&gt;t&lt;/sub&gt; = ∂l&lt;sub&gt;τ&lt;/sub&gt;/∂h&lt;sub&gt;t&lt;/sub&gt;, and δa&lt;sub&gt;f,t&lt;/sub&gt; that of the forget gate's weighted input. A superscript (t) marks what step t sends back to step t − 1, ↑ the part from above. Step t adds δa&lt;sub&gt;t&lt;/sub&gt; x&lt;sub&gt;t&lt;/sub&gt;ᵀ to W&lt;sub&gt;ih&lt;/sub&gt;'s gradient, δa&lt;sub&gt;t&lt;/sub&gt; h&lt;sub&gt;t−1&lt;/sub&gt;ᵀ to W&lt;sub&gt;hh&lt;/sub&gt;'s and δa&lt;sub&gt;t&lt;/sub&gt; to the biases'; the gradient is the sum over the steps.</source>
      <translation>计分时刻 τ 的损失的梯度沿时间一步一步反向传递，从 τ 到 0（随时间反向传播，BPTT）。δ 即教程中的误差项：δh&lt;sub&gt;t&lt;/sub&gt; = ∂l&lt;sub&gt;τ&lt;/sub&gt;/∂h&lt;sub&gt;t&lt;/sub&gt;，δa&lt;sub&gt;f,t&lt;/sub&gt; 是遗忘门加权输入的误差项。上标 (t) 表示第 t 步传回第 t − 1 步的量，↑ 表示来自上方的部分。第 t 步把 δa&lt;sub&gt;t&lt;/sub&gt; x&lt;sub&gt;t&lt;/sub&gt;ᵀ 加到 W&lt;sub&gt;ih&lt;/sub&gt; 的梯度，把 δa&lt;sub&gt;t&lt;/sub&gt; h&lt;sub&gt;t−1&lt;/sub&gt;ᵀ 加到 W&lt;sub&gt;hh&lt;/sub&gt; 的梯度，把 δa&lt;sub&gt;t&lt;/sub&gt; 加到偏置的梯度；最终梯度是各个时刻梯度之和。</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/equations.py" line="193" />
      <source>In the reverse direction (←) the same step runs the other way in time: its gradient flows from early steps to late ones, from τ on to T − 1, and what it sends back goes to step t + 1, the step it read before t.</source>
      <translation>在逆向（←）中，同样的一步沿时间反过来进行：它的梯度从较早的时间步流向较晚的时间步，从 τ 一直到 T − 1；它传回的梯度送到第 t + 1 步，也就是它在 t 之前读的那一步。</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/equations.py" line="223" />
      <source>Layer k &gt; 1 reads both directions of layer k − 1 at the same step: its x&lt;sub&gt;t&lt;/sub&gt; = [h→&lt;sub&gt;t&lt;/sub&gt; ; h←&lt;sub&gt;t&lt;/sub&gt;] has 2H values, so its weight_ih is ({G}H, 2H).</source>
      <translation>第 k &gt; 1 层在同一时间步读取第 k − 1 层的两个方向：它的 x&lt;sub&gt;t&lt;/sub&gt; = [h→&lt;sub&gt;t&lt;/sub&gt; ; h←&lt;sub&gt;t&lt;/sub&gt;] 有 2H 个值，所以它的 weight_ih 是 ({G}H, 2H)。</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/equations.py" line="231" />
      <source>Layer k &gt; 1 reads the hidden state of layer k − 1 at the same step: its x&lt;sub&gt;t&lt;/sub&gt; has H values, so its weight_ih is square in H.</source>
      <translation>第 k 层（k &gt; 1）在同一时间步读取第 k − 1 层的隐藏状态：它的 x&lt;sub&gt;t&lt;/sub&gt; 有 H 个值，因此它的 weight_ih 的列数也是 H（每个块都是 H×H 的方阵）。</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/equations.py" line="240" />
      <source>&lt;b&gt;Bidirectional:&lt;/b&gt; every layer runs these equations twice, each direction with weights of its own. The forward direction (→) reads t from 0 up to T − 1, as written. The reverse direction (←, the parameters ending in &lt;code&gt;_reverse&lt;/code&gt;) reads t from T − 1 down to 0: its previous step is t + 1, so for it read h&lt;sub&gt;t+1&lt;/sub&gt; and c&lt;sub&gt;t+1&lt;/sub&gt; where the equations say h&lt;sub&gt;t−1&lt;/sub&gt; and c&lt;sub&gt;t−1&lt;/sub&gt; (zero at t = T − 1). Both directions' states at the same step, joined into one vector h&lt;sub&gt;t&lt;/sub&gt; = [h→&lt;sub&gt;t&lt;/sub&gt; ; h←&lt;sub&gt;t&lt;/sub&gt;] of 2H values, feed the next layer and the head, so every output sees the whole sequence, before and after t.</source>
      <translation>&lt;b&gt;双向：&lt;/b&gt;每一层把这些方程运行两遍，每个方向有各自的权重。正向（→）按上面所写，t 从 0 读到 T − 1。逆向（←，名称以 &lt;code&gt;_reverse&lt;/code&gt; 结尾的参数）t 从 T − 1 读到 0：它的上一步是 t + 1，所以对它来说，方程中的 h&lt;sub&gt;t−1&lt;/sub&gt; 和 c&lt;sub&gt;t−1&lt;/sub&gt; 应读作 h&lt;sub&gt;t+1&lt;/sub&gt; 和 c&lt;sub&gt;t+1&lt;/sub&gt;（在 t = T − 1 处为零）。两个方向在同一时间步的状态拼接成一个 2H 维向量 h&lt;sub&gt;t&lt;/sub&gt; = [h→&lt;sub&gt;t&lt;/sub&gt; ; h←&lt;sub&gt;t&lt;/sub&gt;]，送入下一层和输出头，因此每个输出都能看到整个序列，包括 t 之前和之后。</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/equations.py" line="253" />
      <source>Parameters at D = {D}, H = {H}, O = {O}, L = {L}</source>
      <translation>参数（D = {D}, H = {H}, O = {O}, L = {L}）</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/equations.py" line="257" />
      <source>name</source>
      <translation>名称</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/equations.py" line="257" />
      <source>shape</source>
      <translation>形状</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/equations.py" line="257" />
      <source>elements</source>
      <translation>元素个数</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/equations.py" line="292" />
      <source>Layer {k}, → and ←: 2 × [{formula}] = 2 × [{numbers}] = {n}</source>
      <translation>第 {k} 层，→ 和 ←：2 × [{formula}] = 2 × [{numbers}] = {n}</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/equations.py" line="302" />
      <source>Layer {k}: {formula} = {numbers} = {n}</source>
      <translation>第 {k} 层：{formula} = {numbers} = {n}</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/equations.py" line="312" />
      <source>Head: O·2H + O = {O}·{H2} + {O} = {n}</source>
      <translation>输出头：O·2H + O = {O}·{H2} + {O} = {n}</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/equations.py" line="318" />
      <source>Head: O·H + O = {O}·{H} + {O} = {n}</source>
      <translation>输出头：O·H + O = {O}·{H} + {O} = {n}</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/equations.py" line="327" />
      <source>Total: {terms} = {n}</source>
      <translation>总计：{terms} = {n}</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/equations.py" line="329" />
      <source>Parameter count</source>
      <translation>参数量</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/equations.py" line="336" />
      <source>The tutorials' formula {g}[(D + H)H + H] counts one bias per gate block; this app, like PyTorch, has two (b&lt;sub&gt;ih&lt;/sub&gt; and b&lt;sub&gt;hh&lt;/sub&gt;), so each layer has {g}H more: for layer 1, {tutorial} + {GH} = {n}.</source>
      <translation>教程中的公式 {g}[(D + H)H + H] 为每个门块只计一个偏置；本应用与 PyTorch 一样有两个偏置（b&lt;sub&gt;ih&lt;/sub&gt; 和 b&lt;sub&gt;hh&lt;/sub&gt;），所以每层多出 {g}H 个参数：对第 1 层为 {tutorial} + {GH} = {n}。</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/equations.py" line="342" />
      <source>The peephole weights add 3H per layer: {n} + {p} = {total}.</source>
      <translation>窥视孔权重每层增加 3H 个参数：{n} + {p} = {total}。</translation>
    </message>
  </context>
  <context>
    <name>ErrorReporter</name>
    <message>
      <location filename="../../lstm_studio/ui/errors.py" line="144" />
      <source>Something went wrong in LSTM Studio:
{0}

The window keeps running, but what it was doing may not have finished. If something looks wrong, save your run (File &gt; Save run as…) and start LSTM Studio again.</source>
      <translation>LSTM Studio 出错了：
{0}

窗口仍在运行，但刚才进行的操作可能没有完成。如果有什么看起来不对，请保存运行（文件 &gt; 运行另存为…），然后重新启动 LSTM Studio。</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/errors.py" line="149" />
      <source>The details are written to {0}</source>
      <translation>详细信息已写入 {0}</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/errors.py" line="151" />
      <source>The details are printed in the terminal.</source>
      <translation>详细信息已输出到终端。</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/errors.py" line="154" />
      <source>This happened {0} times.</source>
      <translation>这个错误已出现 {0} 次。</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/errors.py" line="168" />
      <source>LSTM Studio: an error</source>
      <translation>LSTM Studio：出错了</translation>
    </message>
  </context>
  <context>
    <name>Experiments</name>
    <message>
      <location filename="../../lstm_studio/ui/experiments.py" line="92" />
      <source>After {0} steps, {1:.0%} of the held-out sums were right.</source>
      <translation>{0} 步之后，留出集中有 {1:.0%} 的和算对了。</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/experiments.py" line="103" />
      <source>the {0} solved it at step {1}</source>
      <translation>{0} 在第 {1} 步解决了它</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/experiments.py" line="107" />
      <source>the {0} did not (held-out loss {1:.3f} after {2} steps)</source>
      <translation>{0} 没有解决（{2} 步之后留出集损失为 {1:.3f}）</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/experiments.py" line="113" />
      <source>{0}; {1}. Guessing the mean gives a loss of about 0.167.</source>
      <translation>{0}；{1}。只猜平均值的损失约为 0.167。</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/experiments.py" line="126" />
      <source>During the delay the forget gates averaged {0:.2f}; {1:.0%} of them were more open than closed. The symbols were recalled with {2:.0%} accuracy. (Their bias starts at 1, so before any training they sit near 0.73: compare with step 0.)</source>
      <translation>在延迟期间，遗忘门的平均值为 {0:.2f}；其中 {1:.0%} 偏向打开而不是关闭。符号被回忆出来的准确率为 {2:.0%}。（遗忘门的偏置初始为 1，所以训练前它们约为 0.73：可与第 0 步比较。）</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/experiments.py" line="139" />
      <source>Yes: the held-out error (RMSE) was {0:.3f} at step {1}.</source>
      <translation>能：第 {1} 步时留出集误差（RMSE）为 {0:.3f}。</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/experiments.py" line="144" />
      <source>Not this time: the held-out error (RMSE) was {0:.3f} after {1} steps.</source>
      <translation>这次没有：{1} 步之后留出集误差（RMSE）为 {0:.3f}。</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/experiments.py" line="153" />
      <source>Without clipping the run diverged at step {0}.</source>
      <translation>不裁剪时，训练在第 {0} 步发散了。</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/experiments.py" line="157" />
      <source>Without clipping it ran {0} steps; its loss ended at {1:.3f}.</source>
      <translation>不裁剪时，它跑完了 {0} 步，最终损失为 {1:.3f}。</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/experiments.py" line="162" />
      <source>With the gradient clipped to norm {0:g}, all {1} steps ran and the loss fell to {2:.3f} (held-out RMSE {3:.3f}).</source>
      <translation>把梯度范数裁剪到 {0:g} 后，全部 {1} 步都跑完了，损失降到 {2:.3f}（留出集 RMSE {3:.3f}）。</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/experiments.py" line="177" />
      <source>solved at step {0} ({1:.0%} of the symbols right)</source>
      <translation>在第 {0} 步解决（{1:.0%} 的符号正确）</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/experiments.py" line="182" />
      <source>{0:.0%} of the symbols right after {1} steps</source>
      <translation>{1} 步之后 {0:.0%} 的符号正确</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/experiments.py" line="187" />
      <source>Cut every {0} steps: {1}. With full backpropagation: {2}.</source>
      <translation>每 {0} 步截断：{1}。完整的反向传播：{2}。</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/experiments.py" line="210" />
      <source>the {0} solved every T it was given ({1})</source>
      <translation>{0} 解出了给它的每个 T（{1}）</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/experiments.py" line="214" />
      <source>the {0} solved none of them (T = {1})</source>
      <translation>{0} 一个也没有解出（T = {1}）</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/experiments.py" line="218" />
      <source>the {0} solved T = {1} but not T = {2}</source>
      <translation>{0} 解出了 T = {1}，但没有解出 T = {2}</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/experiments.py" line="225" />
      <source>Within {0} training steps each: {1}. (Solved: held-out error below 0.01.)</source>
      <translation>每次最多训练 {0} 步：{1}。（解出：留出集误差低于 0.01。）</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/experiments.py" line="229" />
      <source>; </source>
      <translation>；</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/experiments.py" line="242" />
      <source>solved at step {0} ({1:.1%} of the marks right)</source>
      <translation>在第 {0} 步解决（{1:.1%} 的标记正确）</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/experiments.py" line="245" />
      <source>{0:.1%} of the marks right after {1} steps</source>
      <translation>{1} 步之后 {0:.1%} 的标记正确</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/experiments.py" line="249" />
      <source>Reading forwards only: {0}; the best a network that cannot see the future can do is {1:.1%}. Reading both ways: {2}.</source>
      <translation>只向前读：{0}；看不到未来的网络最多只能做到 {1:.1%}。双向读：{2}。</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/experiments.py" line="307" />
      <source>The binary adder</source>
      <extracomment>an RNN whose W_hh stretches every direction by 2, trained by plain SGD: without clipping it diverges within a few dozen steps (tests/ui/test_experiments_backward.py) copy across 3 symbols and 5 blanks (8 steps from a symbol to its recall), the gradient cut every 4 steps the adding preset (32 units, Adam 0.01, batches of 64), at most 1,000 steps a run; the lag is the sequence length T</extracomment>
      <translation>二进制加法器</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/experiments.py" line="342" />
      <source>Vanishing gradients: RNN against LSTM</source>
      <translation>梯度消失：RNN 对比 LSTM</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/experiments.py" line="343" />
      <source>&lt;p&gt;The adding problem with 50 steps: two of the numbers are marked, and at the end the network must give their sum. The first mark can be 49 steps back. A plain RNN and an LSTM race on the same data, from the same seed.&lt;/p&gt;</source>
      <translation>&lt;p&gt;序列长 50 步的加法问题：其中两个数被标记，网络必须在最后给出它们的和。第一个标记可能在 49 步之前。一个普通 RNN 和一个 LSTM 在相同的数据上、从相同的随机种子开始赛跑。&lt;/p&gt;</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/experiments.py" line="349" />
      <source>&lt;p&gt;Watch the right-hand chart of the &lt;b&gt;Cell race&lt;/b&gt;: the gradient that reaches step t from the end. The RNN's falls by orders of magnitude towards t = 0, so the first mark never teaches it anything. The LSTM's stays level.&lt;/p&gt;</source>
      <translation>&lt;p&gt;观察&lt;b&gt;单元赛跑&lt;/b&gt;右侧的图表：从最后一步传回到时间步 t 的梯度。RNN 的梯度朝 t = 0 方向下降好几个数量级，所以第一个标记根本教不会它任何东西。LSTM 的梯度则保持平稳。&lt;/p&gt;</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/experiments.py" line="356" />
      <source>Will the plain RNN solve the adding problem with T = 50 in 1,500 steps?</source>
      <translation>普通 RNN 能在 1,500 步内解决 T = 50 的加法问题吗？</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/experiments.py" line="360" />
      <source>Yes</source>
      <translation>能</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/experiments.py" line="361" />
      <source>No</source>
      <translation>不能</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/experiments.py" line="373" />
      <source>The forget gate at work</source>
      <translation>遗忘门在工作</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/experiments.py" line="374" />
      <source>&lt;p&gt;Copy: three symbols are shown, then five blank steps, then the network must write the symbols back in order. Across the blanks nothing new comes in; whatever it remembers, the cell state must carry.&lt;/p&gt;</source>
      <translation>&lt;p&gt;复制任务：先显示三个符号，然后是五个空白步，之后网络必须按顺序写回这些符号。在空白步期间没有任何新信息输入；它记住的一切都必须由单元状态来携带。&lt;/p&gt;</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/experiments.py" line="380" />
      <source>&lt;p&gt;Watch the &lt;b&gt;Gates&lt;/b&gt; panel, the f heatmap, in the columns of the blank steps (t = 3 to 7): yellow is a gate held open (near 1), which keeps c as it was. Compare with c in &lt;b&gt;Cell and hidden states&lt;/b&gt;.&lt;/p&gt;</source>
      <translation>&lt;p&gt;观察&lt;b&gt;门&lt;/b&gt;面板中 f 热力图在空白步（t = 3 到 7）所在的列：黄色表示门保持打开（接近 1），这会让 c 保持原样。再与&lt;b&gt;单元状态与隐藏状态&lt;/b&gt;中的 c 对比。&lt;/p&gt;</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/experiments.py" line="386" />
      <source>During the blank steps, will the forget gates be mostly open or closed?</source>
      <translation>在空白步期间，遗忘门大多是打开还是关闭？</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/experiments.py" line="390" />
      <source>Mostly open (above 0.5): the memory is kept</source>
      <translation>大多打开（高于 0.5）：记忆被保留</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/experiments.py" line="391" />
      <source>Mostly closed: the memory is rewritten</source>
      <translation>大多关闭：记忆被改写</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/experiments.py" line="400" />
      <source>From sin to cos</source>
      <translation>由 sin 到 cos</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/experiments.py" line="401" />
      <source>&lt;p&gt;The tutorial's sin to cos: the network reads sin(t) and must output cos(t) at the same moment. One value of sin belongs to two values of cos, so no function of the current input can do it.&lt;/p&gt;</source>
      <translation>&lt;p&gt;教程中的由 sin 到 cos：网络读入 sin(t)，必须在同一时刻输出 cos(t)。一个 sin 值对应两个 cos 值，所以任何只依赖当前输入的函数都做不到。&lt;/p&gt;</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/experiments.py" line="407" />
      <source>&lt;p&gt;Watch &lt;b&gt;Predictions&lt;/b&gt;: the first steps go wrong (the network has no past yet), then the prediction locks onto the cosine once it can tell from the recent past whether the sine is rising or falling.&lt;/p&gt;</source>
      <translation>&lt;p&gt;观察&lt;b&gt;预测&lt;/b&gt;面板：最初几步会出错（网络还没有任何过去可依据），之后一旦它能根据最近的过去判断正弦是在上升还是下降，预测值就会紧紧锁定余弦。&lt;/p&gt;</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/experiments.py" line="413" />
      <source>Can the network output cos(t) from sin(t)?</source>
      <translation>网络能从 sin(t) 输出 cos(t) 吗？</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/experiments.py" line="415" />
      <source>Yes, by remembering where in the wave it is</source>
      <translation>能，靠记住自己处在波形的哪个位置</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/experiments.py" line="416" />
      <source>No, cos(t) is not a function of sin(t)</source>
      <translation>不能，cos(t) 不是 sin(t) 的函数</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/experiments.py" line="425" />
      <source>Exploding gradients and clipping</source>
      <translation>梯度爆炸与梯度裁剪</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/experiments.py" line="426" />
      <source>&lt;p&gt;Going back one step multiplies the gradient by σ′·W&lt;sub&gt;hh&lt;/sub&gt;: when that factor is above 1 the product grows with every step back, the &lt;b&gt;exploding gradient&lt;/b&gt;. The tutorial's remedy is gradient clipping. This RNN on sin to cos starts with W&lt;sub&gt;hh&lt;/sub&gt; orthogonal × 2: it stretches every direction by 2. It is trained twice with plain SGD (learning rate 0.1): first without clipping, then with the gradient's norm clipped to 1.&lt;/p&gt;</source>
      <translation>&lt;p&gt;每往回传一步，梯度就要乘以 σ′·W&lt;sub&gt;hh&lt;/sub&gt;：这个因子大于 1 时，连乘的结果每往回一步就变大，这就是&lt;b&gt;梯度爆炸&lt;/b&gt;。教程给出的办法是梯度裁剪。这个做“由 sin 到 cos”的 RNN，W&lt;sub&gt;hh&lt;/sub&gt; 初始化为正交矩阵 × 2：它把每个方向都拉长 2 倍。用普通 SGD（学习率 0.1）训练两次：第一次不裁剪，第二次把梯度范数裁剪到 1。&lt;/p&gt;</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/experiments.py" line="435" />
      <source>&lt;p&gt;The first run goes in slow motion, 10 steps a second. Watch &lt;b&gt;Gradient decay&lt;/b&gt; at step 0, before the first update: the curve &lt;i&gt;rises&lt;/i&gt; to the left, the gradient that reaches t = 0 is a thousand times or more its size at τ (about ×1.2 per step back), and the factor per step below it is 2, the most one step back can stretch it. It stays as the faded line: after a few updates the units saturate (tanh′ ≈ 0) and the gradient through time collapses, while the gradient at τ itself explodes. In &lt;b&gt;Norms&lt;/b&gt; the gradient norm shoots up step after step and the run diverges within a few dozen steps. The second run starts by itself at your speed: its clipped steps are marked in red, and its loss falls.&lt;/p&gt;</source>
      <translation>&lt;p&gt;第一次训练以慢动作进行，每秒 10 步。先看第 0 步（第一次更新之前）的&lt;b&gt;梯度衰减&lt;/b&gt;：曲线向左&lt;i&gt;上升&lt;/i&gt;，到达 t = 0 的梯度是它在 τ 处的一千倍甚至更多（每往回一步约 ×1.2），下方每步的因子是 2，即往回一步最多能放大的倍数。这条曲线会作为淡色线留下：几次更新之后单元就饱和了（tanh′ ≈ 0），随时间往回的梯度随之塌缩，而 τ 处的梯度本身却爆炸了。在&lt;b&gt;范数&lt;/b&gt;中，梯度范数一步比一步猛增，训练在几十步之内发散。第二次训练会以你设定的速度自动开始：被裁剪的步用红色标出，损失随之下降。&lt;/p&gt;</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/experiments.py" line="478" />
      <source>&lt;p&gt;The first run goes in slow motion, 100 steps a second. Watch &lt;b&gt;Gradient decay&lt;/b&gt;: with truncation the curve stops at the last cut before τ, and nothing earlier gets any gradient from the loss at τ. The state still flows forward across the cut, so the network could use what it keeps; it just never learns to keep it. The second run, with full backpropagation, starts by itself at your speed.&lt;/p&gt;</source>
      <translation>&lt;p&gt;第一次训练以慢动作进行，每秒 100 步。观察&lt;b&gt;梯度衰减&lt;/b&gt;：截断时，曲线停在 τ 之前的最后一个截断处，更早的步得不到 τ 处损失的任何梯度。状态仍然会越过截断处往前传，所以网络本可以利用它记住的东西；只是它永远学不会去记住。第二次训练（完整的反向传播）会以你设定的速度自动开始。&lt;/p&gt;</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/experiments.py" line="509" />
      <source>How far can an LSTM remember?</source>
      <translation>LSTM 能记住多远？</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/experiments.py" line="510" />
      <source>&lt;p&gt;One of the tutorials says that an LSTM can handle dependencies of about 100 steps, and that 1000 steps are still hard. Check it on the adding problem: the first marked number can come up to T steps before the end, where their sum is asked for. A plain RNN, a GRU and an LSTM (32 units each, Adam, learning rate 0.01) are trained at T = 10, 20, 50, 100, 200 and 500, each run for at most 1,000 steps. A run stops as soon as it is solved (held-out error below 0.01; guessing gives about 0.167). It takes a few minutes.&lt;/p&gt;</source>
      <translation>&lt;p&gt;一篇教程说，LSTM 能处理大约 100 步的依赖，而 1000 步仍然很难。在加法问题上检验一下：第一个被标记的数最早可以出现在序列结束前 T 步，而它们的和要在结尾给出。普通 RNN、GRU 和 LSTM（各 32 个单元，Adam，学习率 0.01）分别在 T = 10、20、50、100、200 和 500 上训练，每次最多训练 1,000 步。一次训练一旦解出（留出集误差低于 0.01；瞎猜约为 0.167）就立即停止。整个实验需要几分钟。&lt;/p&gt;</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/experiments.py" line="521" />
      <source>&lt;p&gt;Watch the &lt;b&gt;Lag sweep&lt;/b&gt;: each point is one finished run, its held-out error against T; the table under the chart says whether and when each run was solved. Where a cell's points climb to about 0.17, it has stopped remembering: it only guesses.&lt;/p&gt;</source>
      <translation>&lt;p&gt;看&lt;b&gt;滞后扫描&lt;/b&gt;：每个点是一次已完成的训练，即它的留出集误差与 T 的关系；图下的表格列出每次训练是否解出、在第几步解出。某个单元的点升到约 0.17 的地方，它就不再记得了：它只是在猜。&lt;/p&gt;</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/experiments.py" line="528" />
      <source>Up to which T will the LSTM solve the adding problem within 1,000 steps?</source>
      <translation>在 1,000 步之内，LSTM 最长能在多大的 T 上解出加法问题？</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/experiments.py" line="533" />
      <source>Only short sequences (T = 10 or 20)</source>
      <translation>只有短序列（T = 10 或 20）</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/experiments.py" line="534" />
      <source>About a hundred steps (T = 50 to 200)</source>
      <translation>大约一百步（T = 50 到 200）</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/experiments.py" line="535" />
      <source>500 steps or more</source>
      <translation>500 步或更长</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/experiments.py" line="546" />
      <source>When the answer lies in the future</source>
      <translation>答案在未来的时候</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/experiments.py" line="547" />
      <source>&lt;p&gt;Two of the tutorials teach the &lt;b&gt;bidirectional&lt;/b&gt; RNN: to understand the context, a network sometimes has to learn from later time steps too. Each layer then reads the sequence twice: a forward direction from the first step to the last, and a backward direction from the last step to the first. At each step the two hidden states are joined, 2H numbers, and the next layer and the output read both (PyTorch's &lt;tt&gt;nn.LSTM(..., bidirectional=True)&lt;/tt&gt; gives outputs of num_directions × hidden_size).&lt;/p&gt;&lt;p&gt;The task: at each of 10 steps a random symbol out of 8 arrives, and the network must mark each symbol that appears again later in the sequence. An LSTM of 32 units (Adam, learning rate 0.02) is trained reading forwards only, then reading both ways, each for at most 1,500 steps; a run stops once 99 % of the held-out marks are right.&lt;/p&gt;</source>
      <translation>&lt;p&gt;有两篇教程讲到&lt;b&gt;双向&lt;/b&gt;循环神经网络：为了更好地理解上下文，网络有时也需要从后面的时间步中学习。这时每一层把序列读两遍：一个正向方向从第一步读到最后一步，一个反向方向从最后一步读回第一步。每一步上两个隐藏状态拼接在一起，共 2H 个数，下一层和输出都读这两者（PyTorch 的 &lt;tt&gt;nn.LSTM(..., bidirectional=True)&lt;/tt&gt; 的输出大小是 num_directions × hidden_size）。&lt;/p&gt;&lt;p&gt;任务：10 个时间步中，每一步从 8 个符号里随机来一个，网络要标出序列后面还会再出现的每个符号。一个 32 单元的 LSTM（Adam，学习率 0.02）先只向前读来训练，再双向读来训练，每次最多 1,500 步；留出集中 99 % 的标记正确时，这次训练就停止。&lt;/p&gt;</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/experiments.py" line="562" />
      <source>&lt;p&gt;Watch the accuracy in &lt;b&gt;Loss and metrics&lt;/b&gt;. Whatever came before, a symbol comes again with a chance that depends only on how many steps are left, so a network that reads forwards only can at best mark the early steps and leave the late ones: 69.2 % of the marks right on average. The second run, reading both ways, starts by itself: its backward direction has read the rest of the sequence before it reaches each step. &lt;b&gt;Predictions&lt;/b&gt; shows the steps each run marks.&lt;/p&gt;</source>
      <translation>&lt;p&gt;观察&lt;b&gt;损失与指标&lt;/b&gt;中的准确率。不管前面出现过什么，一个符号会不会再出现，其概率只取决于还剩多少步，所以只向前读的网络最多只能标出靠前的步、不标靠后的步：平均 69.2 % 的标记正确。第二次训练会自动开始，它双向读：在到达每一步之前，它的反向方向已经读完了序列的其余部分。&lt;b&gt;预测&lt;/b&gt;面板显示每次训练标出了哪些步。&lt;/p&gt;</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/experiments.py" line="572" />
      <source>Can a network that reads forwards only learn to mark the symbols that come again later?</source>
      <translation>只向前读的网络能学会标出后面还会再出现的符号吗？</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/experiments.py" line="578" />
      <source>Yes, with enough training</source>
      <translation>能，只要训练得足够久</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/experiments.py" line="579" />
      <source>No; a network that reads both ways can</source>
      <translation>不能；双向读的网络能</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/experiments.py" line="580" />
      <source>Neither of them can</source>
      <translation>两者都不能</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/experiments.py" line="587" />
      <source>&lt;i&gt;The first run has ended. Now the same network reading both ways…&lt;/i&gt;</source>
      <translation>&lt;i&gt;第一次训练已结束。现在让同样的网络双向读……&lt;/i&gt;</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/experiments.py" line="448" />
      <source>Without clipping, will plain SGD train this RNN?</source>
      <translation>不裁剪时，普通 SGD 能训练这个 RNN 吗？</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/experiments.py" line="85" />
      <source>Every held-out sum was right at step {0} (sum accuracy {1:.0%}), after {2:.1f} seconds of training.</source>
      <translation>在第 {0} 步，留出集的每个和都算对了（和的准确率 {1:.0%}），训练用了 {2:.1f} 秒。</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/experiments.py" line="308" />
      <source>&lt;p&gt;The tutorial's binary adder: two 8-bit numbers arrive one bit per step, lowest bit first, and the network writes their sum bit by bit. To get a bit right it must remember the carry from the step before, which is exactly what a recurrent network is for.&lt;/p&gt;&lt;p&gt;This runs the tutorial's own network: a plain RNN of 16 units (hidden_dim = 16), its weights changed by plain SGD with alpha = 0.1 after every single example, for at most the tutorial's 10,000 examples. The task's preset, an LSTM trained with Adam, needs a few hundred steps.&lt;/p&gt;</source>
      <translation>&lt;p&gt;教程里的二进制加法器：两个 8 位的数每步送进一位，从最低位开始，网络逐位写出它们的和。要写对一位，它必须记住上一步的进位，而这正是循环神经网络的用武之地。&lt;/p&gt;&lt;p&gt;这里运行的是教程自己的网络：一个有 16 个隐藏单元的普通 RNN，每看一个样本就用普通的随机梯度下降、学习率 0.1 更新一次权重，最多用教程的 10,000 个样本。任务的预设（用 Adam 训练的 LSTM）只需几百步。&lt;/p&gt;</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/experiments.py" line="319" />
      <source>&lt;p&gt;Watch &lt;b&gt;Predictions&lt;/b&gt;: the wrong bits (marked) disappear. Then open &lt;b&gt;Cell and hidden states&lt;/b&gt; and look for the unit of h that is high exactly where a carry is made (the carry row of Predictions): the network has invented a carry flag.&lt;/p&gt;</source>
      <translation>&lt;p&gt;看&lt;b&gt;预测&lt;/b&gt;面板：标出的错误位逐渐消失。然后打开&lt;b&gt;单元状态与隐藏状态&lt;/b&gt;，找出 h 中恰好在产生进位的地方（预测面板的“进位”一行）取高值的那个单元：网络自己发明了一个进位标志。&lt;/p&gt;</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/experiments.py" line="326" />
      <source>How many examples will the tutorial's RNN need to get every held-out sum right?</source>
      <translation>教程的 RNN 要看多少个样本，才能把留出集的每个和都算对？</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/experiments.py" line="331" />
      <source>At most 1,000</source>
      <translation>最多 1,000 个</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/experiments.py" line="332" />
      <source>1,000 to 5,000</source>
      <translation>1,000 到 5,000 个</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/experiments.py" line="333" />
      <source>More than 5,000, or not within 10,000</source>
      <translation>超过 5,000 个，或 10,000 个之内学不会</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/experiments.py" line="452" />
      <source>Yes, the loss falls</source>
      <translation>能，损失会下降</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/experiments.py" line="453" />
      <source>No, it diverges: the loss becomes infinite</source>
      <translation>不能，它会发散：损失变成无穷大</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/experiments.py" line="461" />
      <source>&lt;i&gt;The first run has ended. Now the same run with the gradient clipped to norm 1…&lt;/i&gt;</source>
      <translation>&lt;i&gt;第一次训练已结束。现在用同样的设置再训练一次，但把梯度范数裁剪到 1……&lt;/i&gt;</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/experiments.py" line="468" />
      <source>Truncated BPTT</source>
      <translation>截断的 BPTT</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/experiments.py" line="469" />
      <source>&lt;p&gt;Backpropagating through a long sequence costs memory and time, so training often cuts it: every k steps the state is passed on but the gradient is not (in PyTorch, &lt;tt&gt;h = h.detach()&lt;/tt&gt;). Copy: three symbols, five blanks, then the symbols back: each symbol must be kept for 8 steps. The LSTM is trained with the gradient cut every 4 steps, then with full backpropagation through time.&lt;/p&gt;</source>
      <translation>&lt;p&gt;在长序列上做反向传播既费内存又费时间，所以训练时常常把它截断：每隔 k 步，状态照常往后传，梯度却不再往回传（在 PyTorch 中就是 &lt;tt&gt;h = h.detach()&lt;/tt&gt;）。复制任务：先给三个符号，再给五个空白步，然后要求写回这些符号：每个符号都必须记住 8 步。这个 LSTM 先在每 4 步截断一次梯度的情况下训练，再用完整的随时间反向传播训练。&lt;/p&gt;</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/experiments.py" line="487" />
      <source>With the gradient cut every 4 steps, will the LSTM learn to copy across 8 steps?</source>
      <translation>梯度每 4 步截断一次时，LSTM 能学会跨越 8 步进行复制吗？</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/experiments.py" line="492" />
      <source>Yes, its cell state still carries the symbols</source>
      <translation>能，它的单元状态仍然能携带这些符号</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/experiments.py" line="493" />
      <source>No, not with truncation</source>
      <translation>不能，截断时学不会</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/experiments.py" line="501" />
      <source>&lt;i&gt;The first run has ended. Now the same run with full backpropagation through time…&lt;/i&gt;</source>
      <translation>&lt;i&gt;第一次训练已结束。现在用同样的设置再训练一次，使用完整的随时间反向传播……&lt;/i&gt;</translation>
    </message>
  </context>
  <context>
    <name>ExperimentsPanel</name>
    <message>
      <location filename="../../lstm_studio/ui/experiments.py" line="635" />
      <source>Commit my prediction and run</source>
      <translation>提交预测并运行</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/experiments.py" line="637" />
      <source>Run without predicting</source>
      <translation>不预测直接运行</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/experiments.py" line="720" />
      <source>&lt;i&gt;You predicted: {0}. Running…&lt;/i&gt;</source>
      <translation>&lt;i&gt;你的预测：{0}。正在运行…&lt;/i&gt;</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/experiments.py" line="722" />
      <source>&lt;i&gt;Running…&lt;/i&gt;</source>
      <translation>&lt;i&gt;正在运行…&lt;/i&gt;</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/experiments.py" line="751" />
      <source>&lt;i&gt;Not run to the end: {0}.&lt;/i&gt;</source>
      <translation>&lt;i&gt;未运行到结束：{0}。&lt;/i&gt;</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/experiments.py" line="778" />
      <source>Outcome: {0}&lt;br&gt;{1}</source>
      <translation>结果：{0}&lt;br&gt;{1}</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/experiments.py" line="784" />
      <source>&lt;b style='color:#1b7837'&gt;Your prediction was right.&lt;/b&gt;</source>
      <translation>&lt;b style='color:#1b7837'&gt;你的预测是对的。&lt;/b&gt;</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/experiments.py" line="786" />
      <source>&lt;b style='color:#b2182b'&gt;Not what you predicted.&lt;/b&gt;</source>
      <translation>&lt;b style='color:#b2182b'&gt;与你的预测不符。&lt;/b&gt;</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/experiments.py" line="788" />
      <source>You predicted: {0}.</source>
      <translation>你的预测：{0}。</translation>
    </message>
  </context>
  <context>
    <name>GatesPanel</name>
    <message>
      <location filename="../../lstm_studio/ui/panels/gates.py" line="468" />
      <source>{names}: sigmoid</source>
      <translation>{names}：sigmoid</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/gates.py" line="470" />
      <source>{names}: tanh</source>
      <translation>{names}：tanh</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/gates.py" line="471" />
      <source>{names}, clipped at ±3</source>
      <translation>{names}，在 ±3 处截断</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/gates.py" line="475" />
      <source>Sigmoid gates: 0 = closed, 1 = open</source>
      <translation>sigmoid 门：0 = 关闭，1 = 打开</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/gates.py" line="477" />
      <source>tanh outputs: -1 .. 1, white = 0</source>
      <translation>tanh 输出：-1 .. 1，白色 = 0</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/gates.py" line="479" />
      <source>The pre-activation is unbounded; colours stop at -3 and 3, where tanh is already saturated (tanh 3 = 0.995). Hover a cell to read its exact value.</source>
      <translation>激活前的值没有上下界；颜色在 -3 和 3 处封顶，此时 tanh 已经饱和（tanh 3 = 0.995）。将鼠标悬停在格子上可读取其精确值。</translation>
    </message>
  </context>
  <context>
    <name>GlossaryDialog</name>
    <message>
      <location filename="../../lstm_studio/ui/glossary.py" line="176" />
      <source>Glossary of gates and states</source>
      <translation>门与状态术语表</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/glossary.py" line="179" />
      <source>What it means</source>
      <translation>含义</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/glossary.py" line="200" />
      <source>Hover a meaning to read it in the other language.</source>
      <translation>把鼠标悬停在含义上，可以看到另一种语言的说明。</translation>
    </message>
  </context>
  <context>
    <name>GradientCheckDialog</name>
    <message>
      <location filename="../../lstm_studio/ui/gradcheck_dialog.py" line="45" />
      <source>Gradient check</source>
      <translation>梯度检验</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/gradcheck_dialog.py" line="53" />
      <source>gradient of the loss by</source>
      <translation>损失关于此项的梯度</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/gradcheck_dialog.py" line="54" />
      <source>max relative error</source>
      <translation>最大相对误差</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/gradcheck_dialog.py" line="55" />
      <source>analytic / numeric at the worst entry</source>
      <translation>最差条目处的解析值 / 数值</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/gradcheck_dialog.py" line="56" />
      <source>result</source>
      <translation>结果</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/gradcheck_dialog.py" line="71" />
      <source>Check again</source>
      <translation>重新检验</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/gradcheck_dialog.py" line="88" />
      <source>Checking the gradients of the model at step {0} against finite differences (a few seconds for a large model)…</source>
      <translation>正在用有限差分检验模型在第 {0} 步时的梯度（大模型需要几秒钟）…</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/gradcheck_dialog.py" line="95" />
      <source>The check could not run: {0}</source>
      <translation>无法运行检验：{0}</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/gradcheck_dialog.py" line="103" />
      <source>&lt;b style='color:{0}'&gt;Passed.&lt;/b&gt; At step {1}, backpropagation through time agrees with the numerical derivative for every parameter and state.</source>
      <translation>&lt;b style='color:{0}'&gt;通过。&lt;/b&gt;在第 {1} 步，随时间反向传播（BPTT）得到的梯度与数值导数对每个参数和状态都一致。</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/gradcheck_dialog.py" line="108" />
      <source>&lt;b style='color:{0}'&gt;Failed&lt;/b&gt; for {1} of {2} rows at step {3}: the analytic gradient disagrees with the numerical one.</source>
      <translation>&lt;b style='color:{0}'&gt;未通过&lt;/b&gt;：在第 {3} 步，{2} 行中有 {1} 行的解析梯度与数值梯度不一致。</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/gradcheck_dialog.py" line="120" />
      <source>pass</source>
      <translation>通过</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/gradcheck_dialog.py" line="120" />
      <source>FAIL</source>
      <translation>失败</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/gradcheck_dialog.py" line="133" />
      <source>Method: {method}, on a float64 copy of the weights and a batch of its own. ε = {eps:g}; {samples} entries sampled per row; pass when the relative error |analytic − numeric| / max(|analytic|, |numeric|, {floor:g}) is at most {tol:g}. The training data and the weights are untouched.</source>
      <translation>方法：{method}，在权重的 float64 副本和它自己的一批数据上进行。ε = {eps:g}；每行抽样 {samples} 个条目；当相对误差 |解析值 − 数值| / max(|解析值|, |数值|, {floor:g}) 不超过 {tol:g} 时判为通过。训练数据和权重均不受影响。</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/gradcheck_dialog.py" line="139" />
      <source>central differences, 4th order (5-point stencil)</source>
      <translation>中心差分，四阶（五点模板）</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/gradcheck_dialog.py" line="165" />
      <source>{0}_t, layer {1} (all t)</source>
      <translation>{0}_t，第 {1} 层（所有 t）</translation>
    </message>
  </context>
  <context>
    <name>LayerHeatmapPanel</name>
    <message>
      <location filename="../../lstm_studio/ui/panels/gates.py" line="105" />
      <source>Layer:</source>
      <extracomment>number of heatmap columns when there are three heatmaps or more</extracomment>
      <translation>层：</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/gates.py" line="156" />
      <source>hover a heatmap to read a value</source>
      <translation>将鼠标悬停在热力图上可读取数值</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/gates.py" line="110" />
      <source>Which layer of the stack to show (1 = nearest the input); in a bidirectional model → is the direction that reads t from 0 up, ← the one that reads it from the last step down</source>
      <translation>显示堆叠中的哪一层（1 = 最靠近输入）；在双向模型中，→ 是 t 从 0 往后读的方向，← 是从最后一步往前读的方向</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/gates.py" line="361" />
      <source>t</source>
      <translation>t</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/gates.py" line="231" />
      <source>unit</source>
      <translation>单元</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/gates.py" line="362" />
      <source>t: the character read at each step</source>
      <translation>t：每一步读入的字符</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/gates.py" line="427" />
      <source>t = {t}, unit {u}: {name} = {value}</source>
      <translation>t = {t}，单元 {u}：{name} = {value}</translation>
    </message>
  </context>
  <context>
    <name>LossPanel</name>
    <message>
      <location filename="../../lstm_studio/ui/panels/loss.py" line="320" />
      <source>log scale</source>
      <translation>对数坐标</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/loss.py" line="321" />
      <source>Show the loss on a logarithmic axis</source>
      <translation>用对数坐标轴显示损失</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/loss.py" line="343" />
      <source>loss</source>
      <translation>损失</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/loss.py" line="344" />
      <location filename="../../lstm_studio/ui/panels/loss.py" line="345" />
      <source>step</source>
      <translation>步</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/loss.py" line="460" />
      <source>training loss</source>
      <translation>训练损失</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/loss.py" line="461" />
      <source>held-out loss</source>
      <translation>留出集损失</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/loss.py" line="472" />
      <source>held-out {metric} (below)</source>
      <translation>留出集 {metric}（下图）</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/loss.py" line="484" />
      <source>hover the curves to read a step</source>
      <translation>将鼠标悬停在曲线上可读取该步的数值</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/loss.py" line="499" />
      <source>step {step} · held-out {metric} {value}</source>
      <translation>第 {step} 步 · 留出集 {metric} {value}</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/loss.py" line="513" />
      <source>steps {first}–{last} · mean training loss {loss}</source>
      <translation>第 {first}–{last} 步 · 平均训练损失 {loss}</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/loss.py" line="519" />
      <source>step {step} · training loss {loss}</source>
      <translation>第 {step} 步 · 训练损失 {loss}</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/loss.py" line="526" />
      <source>held-out loss {loss} at step {step}</source>
      <translation>第 {step} 步的留出集损失 {loss}</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/loss.py" line="547" />
      <source>No run yet</source>
      <translation>尚无运行</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/loss.py" line="550" />
      <source>Step {step} · training loss {loss}</source>
      <translation>第 {step} 步 · 训练损失 {loss}</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/loss.py" line="553" />
      <source>held-out at step {step}: loss {loss}</source>
      <translation>第 {step} 步的留出集：损失 {loss}</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/loss.py" line="557" />
      <source>{metric} {value}</source>
      <translation>{metric} {value}</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <location filename="../../lstm_studio/ui/main_window.py" line="113" />
      <source>full speed</source>
      <extracomment>the docks of the panels that show the network reading the probe sequence: their title bars say whose sequence it is (the held-out example or the learner's own)</extracomment>
      <translation>全速</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/main_window.py" line="116" />
      <source>at most 1 step/s</source>
      <translation>每秒最多 1 步</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/main_window.py" line="117" />
      <source>at most {0:g} steps/s</source>
      <translation>每秒最多 {0:g} 步</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/main_window.py" line="169" />
      <location filename="../../lstm_studio/ui/main_window.py" line="958" />
      <source>Train</source>
      <translation>训练</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/main_window.py" line="171" />
      <source>Train or pause (Space)</source>
      <translation>训练或暂停（空格键）</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/main_window.py" line="173" />
      <source>Step</source>
      <translation>单步</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/main_window.py" line="175" />
      <source>Exactly one optimisation step, then pause (S)</source>
      <translation>只执行一个优化步，然后暂停（S）</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/main_window.py" line="177" />
      <source>Reset</source>
      <translation>重置</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/main_window.py" line="179" />
      <source>New weights from the seed, step 0 (Ctrl+R)</source>
      <translation>按随机种子生成新权重，回到第 0 步（Ctrl+R）</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/main_window.py" line="182" />
      <source>Check &amp;gradients numerically…</source>
      <translation>数值检验梯度(&amp;G)…</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/main_window.py" line="184" />
      <source>Compare backpropagation's gradients with finite differences, now</source>
      <translation>立即将反向传播算出的梯度与有限差分的结果进行比较</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/main_window.py" line="188" />
      <source>&amp;Quit</source>
      <translation>退出(&amp;Q)</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/main_window.py" line="194" />
      <source>&amp;About LSTM Studio</source>
      <translation>关于 LSTM Studio(&amp;A)</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/main_window.py" line="199" />
      <source>Controls</source>
      <translation>控制</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/main_window.py" line="209" />
      <source> Speed </source>
      <translation> 速度 </translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/main_window.py" line="213" />
      <source>From full speed (left) to slow motion (right)</source>
      <translation>从全速（左）到慢动作（右）</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/main_window.py" line="220" />
      <source> Steps </source>
      <translation> 步数 </translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/main_window.py" line="225" />
      <source>The step budget: training stops there</source>
      <translation>步数上限：训练到此停止</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/main_window.py" line="232" />
      <source>stop when solved</source>
      <translation>学会后停止</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/main_window.py" line="250" />
      <source>Setup</source>
      <translation>设置</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/main_window.py" line="400" />
      <source>&amp;File</source>
      <translation>文件(&amp;F)</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/main_window.py" line="403" />
      <source>&amp;Training</source>
      <translation>训练(&amp;T)</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/main_window.py" line="408" />
      <source>&amp;Compare</source>
      <translation>比较(&amp;C)</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/main_window.py" line="414" />
      <source>&amp;View</source>
      <translation>视图(&amp;V)</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/main_window.py" line="427" />
      <source>&amp;Language</source>
      <translation>语言(&amp;L)</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/main_window.py" line="436" />
      <source>&amp;Help</source>
      <translation>帮助(&amp;H)</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/main_window.py" line="438" />
      <source>&amp;Start here: guided experiments</source>
      <translation>从这里开始：引导实验(&amp;S)</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/main_window.py" line="441" />
      <source>Ready-made experiments from the tutorials: predict, run, compare</source>
      <translation>教程中的现成实验：先预测，再运行，然后对照</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/main_window.py" line="445" />
      <source>&amp;Glossary of gates and states</source>
      <translation>门与状态术语表(&amp;G)</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/main_window.py" line="447" />
      <source>&amp;Keyboard shortcuts</source>
      <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/main_window.py" line="499" />
      <location filename="../../lstm_studio/ui/main_window.py" line="500" />
      <source>Reading data…</source>
      <translation>正在读取数据…</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/main_window.py" line="559" />
      <source>the model was replaced</source>
      <translation>模型已被替换</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/main_window.py" line="562" />
      <source>the model was replaced meanwhile</source>
      <translation>模型在此期间已被替换</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/main_window.py" line="632" />
      <source>The sequence these panels show; click to choose your own</source>
      <translation>这些面板显示的序列；点击可以选择你自己的序列</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/main_window.py" line="641" />
      <source>A cell race is running. Choose your own sequence once it has ended, or stop it in the Cell race panel.</source>
      <translation>单元赛跑正在进行。等它结束后再选择你自己的序列，或者在“单元赛跑”面板中停止它。</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/main_window.py" line="646" />
      <source>A lag sweep is running. Choose your own sequence once it has ended, or stop it in the Lag sweep panel.</source>
      <translation>滞后扫描正在进行。等它结束后再选择你自己的序列，或者在“滞后扫描”面板中停止它。</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/main_window.py" line="703" />
      <source>“{0}” was not applied: {1}</source>
      <translation>未能应用“{0}”：{1}</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/main_window.py" line="705" />
      <source>The change was not applied: {0}</source>
      <translation>未能应用此更改：{0}</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/main_window.py" line="716" />
      <source>“{0}” brings its preset: {1}.</source>
      <translation>“{0}”带来它的预设：{1}。</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/main_window.py" line="744" />
      <source>These settings need a new model.</source>
      <translation>这些设置需要新建模型。</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/main_window.py" line="747" />
      <source>Discard the trained model?</source>
      <translation>丢弃已训练的模型？</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/main_window.py" line="748" />
      <source>{0} Discard the current one and its {1} steps of training?</source>
      <translation>{0}是否丢弃当前模型及其 {1} 步的训练？</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/main_window.py" line="770" />
      <source>Training stopped</source>
      <translation>训练已停止</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/main_window.py" line="795" />
      <source>the training process did not answer</source>
      <translation>训练进程没有响应</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/main_window.py" line="844" />
      <source>solved at step {0}, stopped at step {1}</source>
      <translation>在第 {0} 步学会，在第 {1} 步停止</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/main_window.py" line="852" />
      <source>lower the gradient clipping (now {0:g})</source>
      <translation>降低梯度裁剪阈值（当前为 {0:g}）</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/main_window.py" line="854" />
      <source>turn on gradient clipping (now off; try 1)</source>
      <translation>开启梯度裁剪（当前关闭；可以先试 1）</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/main_window.py" line="856" />
      <source>The loss or the gradient became infinite or NaN: {0}.

The model is back to its last finite weights. Lower the learning rate (now {1:g}) or {2} in the Setup, then press Reset to start again from fresh weights. Train goes on from the last finite weights instead, but weights that have already grown huge usually blow up again at once.</source>
      <translation>损失或梯度变成了无穷大或 NaN：{0}。

模型已回到最后一组有限的权重。请在“设置”中降低学习率（当前为 {1:g}）或{2}，然后按“重置”用新的权重重新开始。按“训练”会从最后一组有限的权重继续，但已经变得很大的权重通常会立刻再次爆炸。</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/main_window.py" line="888" />
      <source>This experiment needs a new model.</source>
      <translation>这个实验需要新建模型。</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/main_window.py" line="890" />
      <source>you kept the current model</source>
      <translation>你保留了当前模型</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/main_window.py" line="906" />
      <location filename="../../lstm_studio/ui/main_window.py" line="950" />
      <source>its setup could not be built</source>
      <translation>无法构建它的设置</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/main_window.py" line="925" />
      <source>The experiment has ended: see its outcome under Guided experiments</source>
      <translation>实验已结束：结果见“引导实验”</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/main_window.py" line="942" />
      <source>the sweep was cancelled</source>
      <translation>扫描已取消</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/main_window.py" line="958" />
      <source>Pause</source>
      <translation>暂停</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/main_window.py" line="1003" />
      <source>step {0}</source>
      <translation>第 {0} 步</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/main_window.py" line="1005" />
      <source>{0:,.0f} steps/s</source>
      <translation>{0:,.0f} 步/秒</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/main_window.py" line="1008" />
      <source>{0:.1f} s</source>
      <translation>{0:.1f} 秒</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/main_window.py" line="1010" />
      <source>train loss {0}</source>
      <translation>训练损失 {0}</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/main_window.py" line="1012" />
      <source>held-out {0} {1:.4g}</source>
      <translation>留出集 {0} {1:.4g}</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/main_window.py" line="1014" />
      <source>solved at step {0}</source>
      <translation>在第 {0} 步学会</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/main_window.py" line="1064" />
      <source>About LSTM Studio</source>
      <translation>关于 LSTM Studio</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/main_window.py" line="1118" />
      <source>Restore the last run?</source>
      <translation>恢复上次的运行？</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/main_window.py" line="1120" />
      <source>LSTM Studio did not close properly last time. Its run was saved at step {0}. Go on with it?</source>
      <translation>LSTM Studio 上次没有正常关闭。当时的运行已保存在第 {0} 步。要继续吗？</translation>
    </message>
  </context>
  <context>
    <name>MarksView</name>
    <message>
      <location filename="../../lstm_studio/ui/panels/predictions.py" line="842" />
      <source>A symbol out of {A} ({first}–{last}) at each step; ✓ where it appears again later in the sequence. The network marks a step when its probability is above 50 %; wrong marks are red, and the last row is that probability in percent. Reading forwards only, the best a network can do is {ceiling:.1f} % of the marks right.</source>
      <translation>每一步是 {A} 个符号（{first}–{last}）中的一个；✓ 表示它在序列后面还会再出现。网络给出的概率高于 50 % 时就标记这一步；标错的为红色，最后一行是这个概率（百分比）。只向前读的网络最多只能做到 {ceiling:.1f} % 的标记正确。</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/predictions.py" line="864" />
      <source>{right} of {T} marks right</source>
      <translation>{T} 个标记中 {right} 个正确</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/predictions.py" line="878" />
      <source>symbol</source>
      <translation>符号</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/predictions.py" line="879" />
      <source>again later</source>
      <translation>后面再现</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/predictions.py" line="881" />
      <source>network</source>
      <translation>网络</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/predictions.py" line="884" />
      <source>P %</source>
      <translation>概率 %</translation>
    </message>
  </context>
  <context>
    <name>NormsPanel</name>
    <message>
      <location filename="../../lstm_studio/ui/panels/norms.py" line="178" />
      <source>gradient norm</source>
      <translation>梯度范数</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/norms.py" line="179" />
      <source>weight norm</source>
      <translation>权重范数</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/norms.py" line="180" />
      <source>step</source>
      <translation>步</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/norms.py" line="195" />
      <source>all parameters</source>
      <translation>全部参数</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/norms.py" line="196" />
      <source>clipped step</source>
      <translation>被裁剪的步</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/norms.py" line="344" />
      <source>lighter: its _reverse twin (←)</source>
      <translation>浅色：对应的 _reverse 参数（←）</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/norms.py" line="357" />
      <source>clip at {clip}</source>
      <translation>裁剪阈值 {clip}</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/norms.py" line="378" />
      <source>No run yet</source>
      <translation>尚无运行</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/norms.py" line="381" />
      <source>Step {step} · gradient norm {norm} before clipping</source>
      <translation>第 {step} 步 · 裁剪前的梯度范数 {norm}</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/norms.py" line="385" />
      <source>clip at {clip} · {n} of {total} steps clipped</source>
      <translation>裁剪阈值 {clip} · {total} 步中有 {n} 步被裁剪</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/norms.py" line="391" />
      <source>no clipping</source>
      <translation>未裁剪</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/norms.py" line="396" />
      <source>hover the curves to read a step</source>
      <translation>将鼠标悬停在曲线上可读取该步的数值</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/norms.py" line="416" />
      <source>steps {first}–{last} · largest gradient norm {norm}</source>
      <translation>第 {first}–{last} 步 · 最大梯度范数 {norm}</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/norms.py" line="424" />
      <source>step {step} · gradient norm {norm}</source>
      <translation>第 {step} 步 · 梯度范数 {norm}</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/norms.py" line="443" />
      <source>{name}: gradient norm {norm} at step {step}</source>
      <translation>{name}：第 {step} 步的梯度范数 {norm}</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/norms.py" line="445" />
      <source>{name}: weight norm {norm} at step {step}</source>
      <translation>{name}：第 {step} 步的权重范数 {norm}</translation>
    </message>
  </context>
  <context>
    <name>Panel</name>
    <message>
      <location filename="../../lstm_studio/ui/compare.py" line="192" />
      <source>Cell race</source>
      <translation>单元赛跑</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/compare.py" line="194" />
      <source>&lt;p&gt;The chosen cells train on the task in the Setup, from the same seed, on exactly the same batches, with the same hyperparameters, one step each in turn. Only the cell differs, so any difference in the curves is the cell's doing.&lt;/p&gt;&lt;p&gt;Left: the training loss; middle: the held-out measure; right: the gradient decay through time of each cell's first layer (the plain RNN's falls fastest). The table gives each cell's final numbers and when it solved the task, in steps and in seconds of its own computing time.&lt;/p&gt;</source>
      <translation>&lt;p&gt;所选的几种循环单元在“设置”中的任务上训练：使用相同的随机种子、完全相同的批次和相同的超参数，轮流各走一步。只有单元类型不同，所以曲线之间的任何差异都来自单元本身。&lt;/p&gt;&lt;p&gt;左图：训练损失；中图：留出集指标；右图：每种单元第一层的梯度随时间的衰减（普通 RNN 衰减得最快）。表格列出每种单元的最终数值，以及它在何时学会任务：分别以步数和它自身计算时间的秒数表示。&lt;/p&gt;</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/compare.py" line="493" />
      <source>Lag sweep</source>
      <extracomment>metrics where less is better: the chance line's label goes below the line for them, on the side the points move to as a cell learns (above it for accuracies)</extracomment>
      <translation>滞后扫描</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/compare.py" line="495" />
      <source>&lt;p&gt;How long can each cell remember? The lag is how far back the answer lies: the length of the adding problem, or copy's delay. Each chosen cell is trained at each lag for the same number of steps, from the same seed, and the chart shows the held-out result against the lag, one line per cell.&lt;/p&gt;&lt;p&gt;Expect the plain RNN to fail first as the lag grows (its gradient vanishes), the LSTM and GRU much later. Short lags run first, so a cancelled sweep keeps a useful chart.&lt;/p&gt;</source>
      <translation>&lt;p&gt;每种单元能记住多久？滞后是指答案位于多远之前：即加法问题的序列长度，或复制任务的延迟。每种所选单元在每个滞后下都用相同的步数、相同的随机种子训练，图表显示留出集结果随滞后的变化，每种单元一条线。&lt;/p&gt;&lt;p&gt;可以预期，随着滞后增大，普通 RNN 最先失败（它的梯度消失了），LSTM 和 GRU 则要晚得多。短的滞后先运行，因此即使中途取消扫描，也能留下有用的图表。&lt;/p&gt;</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/experiments.py" line="598" />
      <source>Guided experiments</source>
      <translation>引导实验</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/experiments.py" line="600" />
      <source>&lt;p&gt;Ready-made experiments from the tutorials. Read what it is about, commit to a prediction, run it, and watch the panel it points to. When it ends, the outcome appears next to your prediction.&lt;/p&gt;</source>
      <translation>&lt;p&gt;来自教程的现成实验。先读一读实验讲的是什么，写下你的预测，然后运行，并观察它所指向的面板。实验结束后，结果会显示在你的预测旁边。&lt;/p&gt;</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/main_window.py" line="87" />
      <source>&lt;p&gt;Choose a &lt;b&gt;task&lt;/b&gt; (what the network must learn) and a &lt;b&gt;cell&lt;/b&gt; (how it remembers), then press Train. &lt;i&gt;Use the task's preset&lt;/i&gt; fills in settings known to learn the task; start there, then change one thing at a time and watch what happens.&lt;/p&gt;&lt;p&gt;Changing the task, the cell or the sizes builds a new model (you are asked first if the current one has trained). The learning rate and the clipping apply at once, while training.&lt;/p&gt;</source>
      <extracomment>the panels that show a run (lstm-studio export draws them too)</extracomment>
      <translation>&lt;p&gt;选择一个&lt;b&gt;任务&lt;/b&gt;（网络必须学会什么）和一种&lt;b&gt;循环单元&lt;/b&gt;（它如何记忆），然后按“训练”。&lt;i&gt;使用任务的预设&lt;/i&gt;会填入已知能学会该任务的设置；先从这里开始，然后每次只改一处，观察会发生什么。&lt;/p&gt;&lt;p&gt;更改任务、单元类型或规模会新建一个模型（如果当前模型已经训练过，会先询问你）。学习率和梯度裁剪在训练过程中会立即生效。&lt;/p&gt;</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/decay.py" line="202" />
      <source>Gradient decay</source>
      <extracomment>one colour per layer (colour-blind-safe, readable on white) the reverse (←) run of each layer of a bidirectional model: a lighter twin of its layer's colour (Okabe-Ito sky blue and orange; then lighter green and pink) earlier snapshots' curves kept behind the current one log10 of the gradient norms shown, 1e-16 .. 1e+16, the same for every cell and run. An RNN's vanishing gradient and an LSTM's flat one must look different side by side, which a per-run auto-range hides (both become a rising line); an RNN with a gain above 1 must show its gradient growing back through time, as far above 1 as the vanishing one falls below it (below 1e-16 is float64 noise) log10 of the per-step factors and W_hh's singular values shown, 0.001 .. 100, fixed: 1 (the line between vanishing and exploding) stays at the same height in every run, a forget gate near 0 still shows, and so does W_hh at the largest gain (10) the setup allows. The two plots share it so a factor reads against the σ that bounds it. the left axes of the decay and the factor plot: one width, so their t line up the factor curve has a dot per step up to this many steps; beyond, the dots would merge into a smear, and drawing them cost more than the rest of the panel (T = 2000)</extracomment>
      <translation>梯度衰减</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/decay.py" line="203" />
      <source>&lt;p&gt;Backpropagation through time sends the error made at the scored step τ back to every earlier step. The upper plot shows how much of it is left at step t: ‖∂l&lt;sub&gt;τ&lt;/sub&gt;/∂h&lt;sub&gt;t&lt;/sub&gt;‖, on a log scale that is the same for every run (10&lt;sup&gt;−16&lt;/sup&gt; to 10&lt;sup&gt;16&lt;/sup&gt;).&lt;/p&gt;&lt;p&gt;Each step back multiplies the gradient by the step's Jacobian, transposed: δh&lt;sub&gt;t−1&lt;/sub&gt; = (∂h&lt;sub&gt;t&lt;/sub&gt;/∂h&lt;sub&gt;t−1&lt;/sub&gt;)&lt;sup&gt;T&lt;/sup&gt; δh&lt;sub&gt;t&lt;/sub&gt;. So at each step its size changes by at most the factor ‖∂h&lt;sub&gt;t&lt;/sub&gt;/∂h&lt;sub&gt;t−1&lt;/sub&gt;‖&lt;sub&gt;2&lt;/sub&gt;, shown per step in the lower plot, and the decay curve is the product of these steps (exactly so for the top layer; a lower layer also receives the gradient of the layer above at every step). Factors below 1 at every step make the gradient &lt;b&gt;vanish&lt;/b&gt;: the first steps get almost no learning signal and the network cannot learn what happened long ago. Factors above 1 let it &lt;b&gt;explode&lt;/b&gt;: it grows back through time. The tutorials say the same with one number per step, σ′·W&lt;sub&gt;h&lt;/sub&gt;: above 1 the product explodes (gradient clipping is the remedy), below 1 it vanishes (the LSTM is the remedy). The gradient of a weight is the sum over all steps, so the steps where it has vanished add nothing to it.&lt;/p&gt;&lt;p&gt;In an LSTM the cell path multiplies δc by the forget gate f&lt;sub&gt;t&lt;/sub&gt; at each step back (the shaded band: f&lt;sub&gt;t&lt;/sub&gt;'s range over units, the dotted line its mean), so the cell state (dashed, c) carries the gradient back nearly unchanged while f stays near 1.&lt;/p&gt;&lt;p&gt;The small plot on the right shows the singular values σ&lt;sub&gt;i&lt;/sub&gt; of W&lt;sub&gt;hh&lt;/sub&gt; as training changes them. In a plain RNN tanh′ ≤ 1, so the factor per step is at most σ&lt;sub&gt;1&lt;/sub&gt;: with every σ below 1 the gradient must vanish. (For gated cells W&lt;sub&gt;hh&lt;/sub&gt; holds every gate's block.)&lt;/p&gt;&lt;p&gt;With truncated backpropagation every k steps the gradient does not pass from step k, 2k, … back to the step before: the plot marks the cuts and shades the steps the gradient of l&lt;sub&gt;τ&lt;/sub&gt; never reaches (it is exactly zero there).&lt;/p&gt;&lt;p&gt;Faded lines are earlier snapshots; the text below gives the ratio between t = 0 (or the cut) and τ.&lt;/p&gt;</source>
      <translation>&lt;p&gt;随时间反向传播把在计分时间步 τ 上产生的误差传回到之前的每一个时间步。上图显示在时间步 t 时还剩下多少：‖∂l&lt;sub&gt;τ&lt;/sub&gt;/∂h&lt;sub&gt;t&lt;/sub&gt;‖，采用对每次运行都相同的对数坐标（10&lt;sup&gt;−16&lt;/sup&gt; 到 10&lt;sup&gt;16&lt;/sup&gt;）。&lt;/p&gt;&lt;p&gt;每往回一步，梯度都要乘以这一步的雅可比矩阵的转置：δh&lt;sub&gt;t−1&lt;/sub&gt; = (∂h&lt;sub&gt;t&lt;/sub&gt;/∂h&lt;sub&gt;t−1&lt;/sub&gt;)&lt;sup&gt;T&lt;/sup&gt; δh&lt;sub&gt;t&lt;/sub&gt;。因此每一步它的大小最多变为原来的 ‖∂h&lt;sub&gt;t&lt;/sub&gt;/∂h&lt;sub&gt;t−1&lt;/sub&gt;‖&lt;sub&gt;2&lt;/sub&gt; 倍（下图逐步画出这个因子），衰减曲线就是这些步的乘积（对最上层严格如此；较低的层在每一步还会收到上一层传来的梯度）。如果每一步的因子都小于 1，梯度就会&lt;b&gt;消失&lt;/b&gt;：最前面的时间步几乎得不到学习信号，网络学不到很久以前发生的事情。因子大于 1 时梯度可能&lt;b&gt;爆炸&lt;/b&gt;：它沿时间往回越传越大。教程用每步一个数 σ′·W&lt;sub&gt;h&lt;/sub&gt; 说的是同一件事：大于 1 时连乘的结果会很大（梯度爆炸，一般用梯度裁剪解决），小于 1 时会得到一个很小的值（梯度消失，用 LSTM 等改进的网络解决）。权重的梯度是各个时刻的梯度之和，所以梯度已经消失的那些时间步对它没有任何贡献。&lt;/p&gt;&lt;p&gt;在 LSTM 中，单元状态这条通路每往回一步把 δc 乘以遗忘门 f&lt;sub&gt;t&lt;/sub&gt;（阴影带：f&lt;sub&gt;t&lt;/sub&gt; 在各单元上的范围，点线：它的均值），所以只要 f 保持在 1 附近，单元状态（虚线，c）就能把梯度几乎原封不动地传回去。&lt;/p&gt;&lt;p&gt;右侧的小图显示 W&lt;sub&gt;hh&lt;/sub&gt; 的奇异值 σ&lt;sub&gt;i&lt;/sub&gt; 在训练中如何变化。在普通 RNN 中 tanh′ ≤ 1，因此每步因子最多是 σ&lt;sub&gt;1&lt;/sub&gt;：所有 σ 都小于 1 时梯度必然消失。（对带门的单元，W&lt;sub&gt;hh&lt;/sub&gt; 包含每个门的块。）&lt;/p&gt;&lt;p&gt;每 k 步截断一次反向传播时，梯度不会从第 k、2k、… 步传回前一步：图中标出截断处，并给 l&lt;sub&gt;τ&lt;/sub&gt; 的梯度永远到不了的时间步加上阴影（那里的梯度恰好为零）。&lt;/p&gt;&lt;p&gt;颜色较淡的线是较早的快照；下方文字给出 t = 0（或截断处）与 τ 之间的比值。&lt;/p&gt;</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/diagram.py" line="874" />
      <source>Cell diagram</source>
      <extracomment>the drawing of each cell that has one of its own (any other gets ``_generic_layout``)</extracomment>
      <translation>单元结构图</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/diagram.py" line="876" />
      <source>&lt;p&gt;One step of the chosen cell, drawn the way the tutorials draw it: the inputs x&lt;sub&gt;t&lt;/sub&gt; and h&lt;sub&gt;t−1&lt;/sub&gt; come in on the left, the boxes are the gates (σ squashes to 0 … 1, tanh to −1 … 1), the circles multiply (×) or add (+) element by element, and c&lt;sub&gt;t&lt;/sub&gt; and h&lt;sub&gt;t&lt;/sub&gt; leave on the right. In the LSTM the cell state runs straight along the top: the forget gate scales it, the input gate adds to it.&lt;/p&gt;&lt;p&gt;Every part is coloured by its value at the step, unit and layer chosen with the timestep scrubber, on the same scales as the heatmaps. Hover over or click a part to see its equation with the numbers put in.&lt;/p&gt;&lt;p&gt;With &lt;b&gt;Backward&lt;/b&gt; chosen in the timestep strip, the drawing shows the backward pass instead: every part holds its δ, the gradient of the loss at the scored step τ, and the arrows point right to left, the way δ flows from τ back to t = 0. The colours are then on one logarithmic scale of |δ|, red for +, blue for −.&lt;/p&gt;</source>
      <translation>&lt;p&gt;所选单元的一个时间步，按教程中的方式绘制：输入 x&lt;sub&gt;t&lt;/sub&gt; 和 h&lt;sub&gt;t−1&lt;/sub&gt; 从左侧进入，方框是门（σ 压缩到 0 … 1，tanh 压缩到 −1 … 1），圆圈表示逐元素相乘（×）或相加（+），c&lt;sub&gt;t&lt;/sub&gt; 和 h&lt;sub&gt;t&lt;/sub&gt; 从右侧离开。在 LSTM 中，单元状态沿着顶部一路直行：遗忘门对它进行缩放，输入门向它添加内容。&lt;/p&gt;&lt;p&gt;每个部件都按它在时间步滑块所选的时间步、单元和层上的值着色，色标与热力图相同。将鼠标悬停在某个部件上或点击它，即可看到代入数值后的方程。&lt;/p&gt;&lt;p&gt;在时间步条中选择&lt;b&gt;反向&lt;/b&gt;后，图中改为显示反向传播：每个部件显示它的 δ，即计分时刻 τ 的损失的梯度，箭头从右指向左，即 δ 从 τ 流回 t = 0 的方向。此时颜色采用 |δ| 的对数色标，红色为正，蓝色为负。&lt;/p&gt;</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/equations.py" line="81" />
      <source>Equations</source>
      <translation>方程</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/equations.py" line="83" />
      <source>&lt;p&gt;The equations the chosen cell computes at every step, for every unit at once: σ is the logistic sigmoid, ⊙ multiplies element by element. Each W is a weight matrix and each b a bias vector, named as in PyTorch, so the names in the table are the names in a saved weights file.&lt;/p&gt;&lt;p&gt;The table gives each parameter's shape at the current sizes and how many numbers it holds; below it the same count as a formula, per layer and in total. The count grows with the square of the hidden size H: doubling H roughly quadruples the model.&lt;/p&gt;</source>
      <translation>&lt;p&gt;所选单元在每个时间步、对所有单元同时计算的方程：σ 是 sigmoid（逻辑斯蒂）函数，⊙ 表示逐元素相乘。每个 W 是一个权重矩阵，每个 b 是一个偏置向量，命名与 PyTorch 一致，因此表中的名称就是保存的权重文件中的名称。&lt;/p&gt;&lt;p&gt;表格给出在当前规模下每个参数的形状及其包含的数值个数；表格下方用公式给出同样的计数，包括每层的和总计的。参数数量随隐藏层大小 H 的平方增长：H 加倍，模型大约变为原来的四倍。&lt;/p&gt;</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/gates.py" line="440" />
      <source>Gates</source>
      <translation>门</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/gates.py" line="441" />
      <source>&lt;p&gt;Each heatmap is one gate of the chosen layer while the network reads the probe sequence: time t runs to the right, one row per hidden unit. The sigmoid gates (i, f, o; GRU r, z) go from 0, closed (dark purple), to 1, open (yellow); the candidate g (GRU n) is a tanh, from −1 (blue) to 1 (red). The scales never change, so a colour means the same value all run long.&lt;/p&gt;&lt;p&gt;Watch the forget gate f: a unit whose row stays yellow keeps its memory from step to step. A plain RNN has no gates: you see its pre-activation a, the number inside its tanh. Click a cell to move the timestep scrubber there.&lt;/p&gt;</source>
      <translation>&lt;p&gt;每张热力图对应所选层的一个门，显示网络读取探测序列时的情况：时间 t 向右推进，每个隐藏单元占一行。sigmoid 门（i、f、o；GRU 的 r、z）从 0（关闭，深紫色）到 1（打开，黄色）；候选值 g（GRU 的 n）是 tanh，从 −1（蓝色）到 1（红色）。色标始终不变，所以在整个运行过程中，同一种颜色始终代表同一个值。&lt;/p&gt;&lt;p&gt;留意遗忘门 f：如果某个单元的那一行一直是黄色，它就会在时间步之间保留记忆。普通 RNN 没有门：这里显示的是它激活前的值 a，即 tanh 里面的那个数。点击一个格子，即可把时间步滑块移到那里。&lt;/p&gt;</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/loss.py" line="294" />
      <source>Loss and metrics</source>
      <translation>损失与指标</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/loss.py" line="295" />
      <source>&lt;p&gt;The thin line is the training loss, measured on each batch as the network learns (long runs are averaged so the line stays readable). The red points are the &lt;b&gt;held-out&lt;/b&gt; loss, on sequences the network never trains on: when it stops falling while the training loss still falls, the network is memorising instead of learning the rule.&lt;/p&gt;&lt;p&gt;The lower plot is the task's own measure on the held-out set (accuracy, R², bits per character); the task counts as solved when it crosses the line the task sets. Tick &lt;i&gt;log scale&lt;/i&gt; to see the late, small improvements.&lt;/p&gt;</source>
      <translation>&lt;p&gt;细线是训练损失，在网络学习时对每个批次测得（运行较长时会取平均，让曲线保持清晰易读）。红点是&lt;b&gt;留出集&lt;/b&gt;损失，在网络从不用于训练的序列上测得：如果训练损失仍在下降，而它已不再下降，说明网络在死记硬背，而不是在学习规律。&lt;/p&gt;&lt;p&gt;下方的图是任务自身在留出集上的指标（准确率、R²、每字符比特数）；当它越过任务设定的那条线时，任务即算学会。勾选&lt;i&gt;对数坐标&lt;/i&gt;可以看到后期细小的改进。&lt;/p&gt;</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/norms.py" line="126" />
      <source>Norms</source>
      <translation>范数</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/norms.py" line="127" />
      <source>&lt;p&gt;For every weight matrix and bias, the size (Euclidean norm) of its gradient at each step, and of the weights themselves. An exploding gradient shows as a spike. Gradient clipping (in the Setup) scales the whole gradient down when its total norm passes the limit; every clipped step is marked.&lt;/p&gt;&lt;p&gt;The names are PyTorch's (rnn.weight_hh_l0 holds the recurrent weights of layer 1), so exported weights load there as they are.&lt;/p&gt;</source>
      <translation>&lt;p&gt;对于每个权重矩阵和偏置，显示其梯度在每一步的大小（欧几里得范数），以及权重本身的大小。梯度爆炸表现为一个尖峰。梯度裁剪（在“设置”中）会在梯度的总范数超过上限时，把整个梯度按比例缩小；每个被裁剪的步都会被标出。&lt;/p&gt;&lt;p&gt;名称采用 PyTorch 的命名（rnn.weight_hh_l0 存放第 1 层的循环权重），因此导出的权重可以原样在 PyTorch 中加载。&lt;/p&gt;</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/predictions.py" line="1146" />
      <source>Predictions</source>
      <translation>预测</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/predictions.py" line="1147" />
      <source>&lt;p&gt;What the network answers for the probe sequence right now. Binary addition: the sum it writes bit by bit, wrong bits marked. Sequences of numbers: the target and the prediction over time. Copy: the symbols it recalls after the delay. Does it come again: the steps it marks. Text: a passage it writes one character at a time, drawn at the chosen temperature (low: safe and repetitive; high: adventurous and misspelt).&lt;/p&gt;</source>
      <translation>&lt;p&gt;网络此刻对探测序列给出的回答。二进制加法：它逐位写出的和，错误的位会被标出。数值序列：目标值和预测值随时间的变化。复制：它在延迟之后回忆出的符号。它还会再出现吗：它标出的步。文本：它一次一个字符写出的一段文字，按所选的温度采样（低：稳妥但重复；高：大胆但会拼错）。&lt;/p&gt;</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/scrubber.py" line="65" />
      <source>Timestep</source>
      <translation>时间步</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/scrubber.py" line="67" />
      <source>&lt;p&gt;The probe is one fixed held-out sequence the network reads at every snapshot. Pick a timestep &lt;i&gt;t&lt;/i&gt; with the slider (or press ▶ to walk through it) and a unit and layer: every heatmap outlines that column and unit, the cell diagram shows its values, and the line below reads each gate and state there.&lt;/p&gt;&lt;p&gt;Clicking a heatmap picks its t and unit too. While training, the numbers follow the live model; pause to hold them still.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Backward&lt;/b&gt; reads the backward pass instead: the gradient δ of the loss at the scored step τ, carried back one step at a time from τ to 0. ▶ walks it from τ down to 0; the cell diagram then shows each δ with its equation and numbers.&lt;/p&gt;</source>
      <translation>&lt;p&gt;探测序列是一条固定的留出集序列，网络在每次快照时都会读取它。用滑块选择一个时间步 &lt;i&gt;t&lt;/i&gt;（或按 ▶ 逐步播放），再选择一个单元和一层：每张热力图都会框出该列和该单元，单元结构图显示它的数值，下方一行读出此处每个门和状态的值。&lt;/p&gt;&lt;p&gt;点击热力图同样会选中对应的 t 和单元。训练期间，这些数值跟随实时模型变化；暂停即可让它们保持不动。&lt;/p&gt;&lt;p&gt;&lt;b&gt;反向&lt;/b&gt;则查看反向传播：计分时刻 τ 的损失的梯度 δ，从 τ 到 0 一步一步往回传。▶ 让它从 τ 走到 0；单元结构图随后显示每个 δ 及其方程和数值。&lt;/p&gt;</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/states.py" line="23" />
      <source>Cell and hidden states</source>
      <translation>单元状态与隐藏状态</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/states.py" line="24" />
      <source>&lt;p&gt;&lt;b&gt;c&lt;/b&gt; is the cell state of the LSTM family, its long-term memory: the forget gate keeps it, the input gate writes into it. Nothing squashes it, so it can pass ±1 (the colours stop at ±3; hover a cell for its value). &lt;b&gt;h&lt;/b&gt; is what the layer outputs at each step, o ⊙ tanh(c); in a GRU or a plain RNN it is the only memory.&lt;/p&gt;&lt;p&gt;Look for a unit whose c stays the same over many steps and then changes at once: that is a remembered fact, like the carry in binary addition.&lt;/p&gt;</source>
      <translation>&lt;p&gt;&lt;b&gt;c&lt;/b&gt; 是 LSTM 系列的单元状态，即它的长期记忆：遗忘门保留它，输入门向它写入。没有任何东西压缩它，所以它可以超过 ±1（颜色在 ±3 处封顶；将鼠标悬停在格子上可查看数值）。&lt;b&gt;h&lt;/b&gt; 是该层在每个时间步的输出，即 o ⊙ tanh(c)；在 GRU 或普通 RNN 中，它是唯一的记忆。&lt;/p&gt;&lt;p&gt;找一找这样的单元：它的 c 在许多时间步内保持不变，然后突然改变：那就是一个被记住的事实，比如二进制加法中的进位。&lt;/p&gt;</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/units.py" line="198" />
      <source>Which unit tracks what</source>
      <extracomment>rows of the ranking shown (the strongest of the chosen feature and quantity) the share of the time the automatic reports may take: one that took 0.3 s (asked to answered) is followed by the next one 3 s later at the soonest, however often the run is evaluated (a Chinese run's report costs a third of its 50 steps)</extracomment>
      <translation>哪个单元追踪什么</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/units.py" line="200" />
      <source>&lt;p&gt;Karpathy, Johnson and Fei-Fei (2015) coloured a text by the value of one LSTM cell at each character and found cells that track something a reader can name: one on inside quotes, one that counts along the line. Look for such units in your own run.&lt;/p&gt;&lt;p&gt;The text is coloured by one unit's value after reading each character. The list ranks every unit of every gate and state by its &lt;b&gt;correlation r&lt;/b&gt; (Pearson's) with simple features of the text: +1 or −1 means the unit follows the feature exactly, 0 not at all. Compare r with the &lt;b&gt;chance level&lt;/b&gt; 2/√T: an unrelated unit stays below it 95 % of the time. Neighbouring characters are alike and many pairs are compared, so the best pair of an unrelated text goes higher: the note says how high.&lt;/p&gt;&lt;p&gt;A feature of the character just read (a vowel, a space, a comma) can be read straight off the input, so even the untrained network has units that follow it: compare with the &lt;b&gt;untrained&lt;/b&gt; column. The features that need memory (inside quotes or brackets, the position in a line or a word, the second line of a couplet) are the telling ones: a unit that follows one far better than the untrained network did has learned to keep count.&lt;/p&gt;&lt;p&gt;The text is 2,000 characters of held-out text, never trained on, or the prompt you chose for the probe. It is measured again after an evaluation while this panel is shown (taking at most a tenth of the time), and at once when you press Refresh.&lt;/p&gt;</source>
      <translation>&lt;p&gt;Karpathy、Johnson 和 Fei-Fei（2015）按单个 LSTM 记忆单元在每个字符处的取值给文本上色，发现有些单元追踪着读者叫得出名字的东西：一个在引号之内时亮起，一个沿着一行计数。在你自己的训练中找一找这样的单元。&lt;/p&gt;&lt;p&gt;文本按一个单元读完每个字符后的取值上色。右侧列表把每个门和状态的每个单元按它与文本简单特征的&lt;b&gt;相关系数 r&lt;/b&gt;（皮尔逊相关）排序：+1 或 −1 表示单元与特征完全同步，0 表示毫无关系。把 r 与&lt;b&gt;随机水平&lt;/b&gt; 2/√T 比较：一个无关的单元有 95% 的时候低于它。相邻字符彼此相似，又比较了很多对，所以无关文本中最好的一对会更高：下方的说明给出高多少。&lt;/p&gt;&lt;p&gt;只取决于刚读到的字符的特征（元音、空格、逗号）可以直接从输入读出，所以连未训练的网络也有单元跟随它：请与&lt;b&gt;未训练&lt;/b&gt;一栏比较。需要记忆的特征（引号或括号之内、在行中或词中的位置、一联中的下句）才说明问题：一个单元若远比未训练时更紧密地跟随这样的特征，它就学会了计数。&lt;/p&gt;&lt;p&gt;文本是 2,000 个从未训练过的保留文本字符，或你为探针选择的提示文本。在本面板可见时，评估后会重新测量（最多占用十分之一的时间）；按“刷新”则立即重新测量。&lt;/p&gt;</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/probe_editor.py" line="99" />
      <source>Your sequence</source>
      <translation>你的序列</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/probe_editor.py" line="101" />
      <source>&lt;p&gt;Every panel that follows the network step by step (gates, states, gradient decay, cell diagram, timestep, predictions) shows it reading one sequence: at first an example the network never trains on. Type your own here, in the task's terms (two numbers to add, a window of primes, a prompt, ...), and press Show or Enter: the network reads it with its current weights.&lt;/p&gt;&lt;p&gt;Training is not touched: the weights, the batches and the loss curves are the same whatever you look at, while training or paused. Each field is checked as you type; the reason for a refusal stands under it in red, and nothing is sent. Your sequence is saved with the run.&lt;/p&gt;</source>
      <translation>&lt;p&gt;每个逐步跟随网络的面板（门、状态、梯度衰减、单元结构图、时间步、预测）显示的都是网络读取某一个序列的过程：起初是一个网络从不拿来训练的示例。你可以在这里按任务自己的说法输入你自己的序列（两个要相加的数、一串质数、一段提示……），然后按“显示”或回车：网络会用它当前的权重读取这个序列。&lt;/p&gt;&lt;p&gt;训练不受任何影响：无论你看的是什么，无论正在训练还是已暂停，权重、批次和损失曲线都完全一样。每个字段都会在输入时检查；不被接受的原因会以红字显示在字段下方，并且什么也不会发送。你的序列会随运行一起保存。&lt;/p&gt;</translation>
    </message>
  </context>
  <context>
    <name>PlotMenu</name>
    <message>
      <location filename="../../lstm_studio/ui/panels/plot_menu.py" line="69" />
      <source>Show all</source>
      <translation>全部显示</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/plot_menu.py" line="71" />
      <source>Fit the whole curve and follow it again as it grows</source>
      <translation>显示整条曲线，并随其增长继续跟随</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/plot_menu.py" line="79" />
      <source>Save the panel as a picture (PNG, SVG)…</source>
      <translation>将面板保存为图片（PNG、SVG）…</translation>
    </message>
  </context>
  <context>
    <name>PredictionsPanel</name>
    <message>
      <location filename="../../lstm_studio/ui/panels/predictions.py" line="1163" />
      <source>Build a run to see the network's predictions.</source>
      <translation>构建一个运行以查看网络的预测值。</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/predictions.py" line="1233" />
      <source>No prediction view for the task {task}.</source>
      <translation>任务 {task} 没有预测视图。</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/predictions.py" line="1238" />
      <source>The held-out example, before training</source>
      <translation>留出集的示例，训练之前</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/predictions.py" line="1250" />
      <source>Your sequence, at step {step}</source>
      <translation>你的序列，第 {step} 步</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/predictions.py" line="1252" />
      <source>The held-out example, at step {step}</source>
      <translation>留出集的示例，第 {step} 步</translation>
    </message>
  </context>
  <context>
    <name>ProbeEditor</name>
    <message>
      <location filename="../../lstm_studio/ui/probe_editor.py" line="57" />
      <source>your sequence</source>
      <translation>你的序列</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/probe_editor.py" line="58" />
      <source>the held-out example</source>
      <translation>留出集的示例</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/probe_editor.py" line="132" />
      <source>Type a sequence of your own: every panel shows the network reading it, with its current weights. Training is not touched.</source>
      <translation>输入一个你自己的序列：每个面板都会显示网络用当前的权重读取它的过程。训练不受影响。</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/probe_editor.py" line="152" />
      <source>Show</source>
      <translation>显示</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/probe_editor.py" line="154" />
      <source>Show the network reading this sequence (Enter)</source>
      <translation>显示网络读取这个序列的过程（回车）</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/probe_editor.py" line="156" />
      <source>Back to the held-out example</source>
      <translation>回到留出集的示例</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/probe_editor.py" line="159" />
      <source>Show the example of the held-out set again, the panels' first sequence</source>
      <translation>重新显示留出集中的示例，即面板最初显示的序列</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/probe_editor.py" line="249" />
      <source>{low} to {high}</source>
      <translation>{low} 到 {high}</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/probe_editor.py" line="251" />
      <source>2 to {n:,} characters; Enter shows it, Shift+Enter starts a new line</source>
      <translation>2 到 {n:,} 个字符；回车显示，Shift+回车换行</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/probe_editor.py" line="348" />
      <source>The panels show &lt;b&gt;{whose}&lt;/b&gt;.</source>
      <translation>面板显示的是&lt;b&gt;{whose}&lt;/b&gt;。</translation>
    </message>
  </context>
  <context>
    <name>RaceDock</name>
    <message>
      <location filename="../../lstm_studio/ui/compare.py" line="215" />
      <location filename="../../lstm_studio/ui/compare.py" line="356" />
      <source>Start race</source>
      <translation>开始赛跑</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/compare.py" line="229" />
      <location filename="../../lstm_studio/ui/compare.py" line="399" />
      <source>training loss</source>
      <translation>训练损失</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/compare.py" line="229" />
      <location filename="../../lstm_studio/ui/compare.py" line="230" />
      <source>step</source>
      <translation>训练步</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/compare.py" line="230" />
      <source>held-out</source>
      <translation>留出集</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/compare.py" line="234" />
      <source>gradient decay, layer 1</source>
      <translation>梯度衰减，第 1 层</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/compare.py" line="235" />
      <source>t (timestep)</source>
      <translation>t（时间步）</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/compare.py" line="254" />
      <source>CSV</source>
      <translation>CSV</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/compare.py" line="256" />
      <source>Export the table as CSV</source>
      <translation>将表格导出为 CSV</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/compare.py" line="285" />
      <source>The next race: {0}</source>
      <translation>下一场竞赛：{0}</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/compare.py" line="309" />
      <source>{task}{params}, {layers} layer(s) of {units} units, {optimizer} lr {lr:g}, seed {seed}, {steps} steps each, stop when solved: {solved}</source>
      <translation>{task}{params}，{layers} 层、每层 {units} 个单元，{optimizer} 学习率 {lr:g}，随机种子 {seed}，每种 {steps} 步，学会即停止：{solved}</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/compare.py" line="321" />
      <source>bidirectional (→ ←), </source>
      <translation>双向（→ ←），</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/compare.py" line="328" />
      <source>yes</source>
      <translation>是</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/compare.py" line="328" />
      <source>no</source>
      <translation>否</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/compare.py" line="353" />
      <source>Stop race</source>
      <translation>停止赛跑</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/compare.py" line="360" />
      <source>Tick at least two cells to race them</source>
      <translation>至少勾选两种单元类型才能赛跑</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/compare.py" line="367" />
      <location filename="../../lstm_studio/ui/compare.py" line="408" />
      <source>held-out {0}</source>
      <translation>留出集{0}</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/compare.py" line="397" />
      <source>cell</source>
      <translation>单元类型</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/compare.py" line="398" />
      <source>steps</source>
      <translation>步数</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/compare.py" line="400" />
      <source>held-out loss</source>
      <translation>留出集损失</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/compare.py" line="401" />
      <source>solved at step</source>
      <translation>学会时的步数</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/compare.py" line="402" />
      <source>solved after (s)</source>
      <translation>学会用时（秒）</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/compare.py" line="403" />
      <source>status</source>
      <translation>状态</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/compare.py" line="436" />
      <source>Export the race table</source>
      <translation>导出赛跑结果表</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/compare.py" line="438" />
      <source>CSV files (*.csv)</source>
      <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/compare.py" line="450" />
      <source>Not saved</source>
      <translation>未保存</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/compare.py" line="451" />
      <source>{0} could not be saved: {1}</source>
      <translation>{0}无法保存：{1}</translation>
    </message>
  </context>
  <context>
    <name>RegressionView</name>
    <message>
      <location filename="../../lstm_studio/ui/panels/predictions.py" line="537" />
      <source>step t</source>
      <translation>时间步 t</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/predictions.py" line="538" />
      <source>value</source>
      <translation>数值</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/predictions.py" line="540" />
      <source>value (sum at the last step)</source>
      <translation>数值（最后一步为和）</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/predictions.py" line="542" />
      <source>input value</source>
      <translation>输入值</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/predictions.py" line="545" />
      <source>marked value</source>
      <translation>被标记的值</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/predictions.py" line="548" />
      <source>output at every step</source>
      <translation>每一步的输出</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/predictions.py" line="551" />
      <source>true sum</source>
      <translation>真实的和</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/predictions.py" line="554" />
      <source>predicted sum</source>
      <translation>预测的和</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/predictions.py" line="558" />
      <source>position in the list of primes</source>
      <translation>在质数列表中的位置</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/predictions.py" line="559" />
      <source>prime</source>
      <translation>质数</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/predictions.py" line="561" />
      <source>window (input)</source>
      <translation>窗口（输入）</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/predictions.py" line="564" />
      <source>guess after each step</source>
      <translation>每一步之后的猜测</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/predictions.py" line="567" />
      <source>true next prime</source>
      <translation>真实的下一个质数</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/predictions.py" line="570" />
      <source>predicted</source>
      <translation>预测值</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/predictions.py" line="574" />
      <source>value (file units)</source>
      <translation>数值（文件中的单位）</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/predictions.py" line="581" />
      <source>{column}: next row</source>
      <translation>{column}：下一行</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/predictions.py" line="589" />
      <source>{column}: predicted</source>
      <translation>{column}：预测值</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/predictions.py" line="598" />
      <source>input sin</source>
      <translation>输入 sin</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/predictions.py" line="606" />
      <source>target (not scored)</source>
      <translation>目标值（不计分）</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/predictions.py" line="609" />
      <source>prediction (not scored)</source>
      <translation>预测值（不计分）</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/predictions.py" line="612" />
      <source>target</source>
      <translation>目标值</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/predictions.py" line="615" />
      <source>prediction</source>
      <translation>预测值</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/predictions.py" line="688" />
      <source>Sum of the two marked values (steps {steps}): predicted {pred}, true {true}</source>
      <translation>两个被标记值之和（第 {steps} 步）：预测值 {pred}，真实值 {true}</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/predictions.py" line="690" />
      <source> and </source>
      <translation> 和 </translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/predictions.py" line="708" />
      <source>Window: {window}</source>
      <translation>窗口：{window}</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/predictions.py" line="710" />
      <source>Next prime: predicted ≈ {guess} (true {true})</source>
      <translation>下一个质数：预测值 ≈ {guess}（真实值 {true}）</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/predictions.py" line="717" />
      <source>RMS error of the next row, in file units: {errors}</source>
      <translation>下一行的均方根误差（以文件中的单位计）：{errors}</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/predictions.py" line="724" />
      <source>({shown} of {total} columns shown)</source>
      <translation>（显示 {shown} / {total} 列）</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/predictions.py" line="729" />
      <source>RMS error on the scored steps: {rmse}</source>
      <translation>计分步上的均方根误差：{rmse}</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/predictions.py" line="731" />
      <source>(the first {n} steps are not scored)</source>
      <translation>（前 {n} 步不计分）</translation>
    </message>
  </context>
  <context>
    <name>RunFiles</name>
    <message>
      <location filename="../../lstm_studio/ui/files.py" line="142" />
      <source>&amp;Open run…</source>
      <translation>打开运行(&amp;O)…</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/files.py" line="143" />
      <source>&amp;Save run as…</source>
      <translation>运行另存为(&amp;S)…</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/files.py" line="145" />
      <source>&amp;Import weights…</source>
      <translation>导入权重(&amp;I)…</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/files.py" line="147" />
      <source>Load weights from a .safetensors, .npz or run file into this model</source>
      <translation>将 .safetensors、.npz 或运行文件中的权重加载到此模型</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/files.py" line="150" />
      <source>Export &amp;weights…</source>
      <translation>导出权重(&amp;W)…</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/files.py" line="152" />
      <source>PyTorch-style safetensors, NumPy .npz or ONNX</source>
      <translation>PyTorch 风格的 safetensors、NumPy .npz 或 ONNX</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/files.py" line="155" />
      <source>Export &amp;history as CSV…</source>
      <translation>将历史导出为 CSV(&amp;H)…</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/files.py" line="158" />
      <source>Export all &amp;panels as images…</source>
      <translation>将所有面板导出为图片(&amp;P)…</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/files.py" line="160" />
      <source>Every panel as PNG and SVG into a folder</source>
      <translation>将每个面板以 PNG 和 SVG 格式存入一个文件夹</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/files.py" line="165" />
      <source>Open &amp;Recent</source>
      <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/files.py" line="171" />
      <source>&amp;Export</source>
      <translation>导出(&amp;E)</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/files.py" line="202" />
      <source>LSTM Studio</source>
      <translation>LSTM Studio</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/files.py" line="209" />
      <source>There is not enough memory to open {0}: close other programs, or use a smaller file.</source>
      <translation>内存不足，无法打开 {0}：请关闭其他程序，或改用较小的文件。</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/files.py" line="214" />
      <source>{0}: saved to {1}</source>
      <translation>{0}：已保存到 {1}</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/files.py" line="227" />
      <source>{0} is a folder: open a file in it</source>
      <translation>{0} 是文件夹：请打开其中的文件</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/files.py" line="232" />
      <source>LSTM Studio does not open {0}: it opens runs (.lstmrun), weights (.safetensors, .npz) and data to train on (.csv, .tsv, .txt, .md)</source>
      <translation>LSTM Studio 无法打开 {0}：它能打开运行记录（.lstmrun）、权重（.safetensors、.npz）和用于训练的数据（.csv、.tsv、.txt、.md）</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/files.py" line="238" />
      <source>{0} was not found: there is no file at {1}</source>
      <translation>找不到 {0}：{1} 处没有文件</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/files.py" line="290" />
      <source>Drop one file at a time: {0} files were dropped</source>
      <translation>请一次拖放一个文件：刚才拖放了 {0} 个文件</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/files.py" line="329" />
      <source>No recent files</source>
      <translation>没有最近的文件</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/files.py" line="331" />
      <source>&amp;Clear the list</source>
      <translation>清空列表(&amp;C)</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/files.py" line="339" />
      <source>Open a run</source>
      <translation>打开运行</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/files.py" line="339" />
      <location filename="../../lstm_studio/ui/files.py" line="408" />
      <source>LSTM Studio runs (*{0})</source>
      <translation>LSTM Studio 运行文件 (*{0})</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/files.py" line="389" />
      <source>Opening {0} replaces the current model.</source>
      <translation>打开 {0} 会替换当前的模型。</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/files.py" line="393" />
      <source>{0} could not be opened</source>
      <translation>无法打开 {0}</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/files.py" line="397" />
      <source>Opened {0} at step {1}</source>
      <translation>已打开 {0}，位于第 {1} 步</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/files.py" line="406" />
      <source>Save the run</source>
      <translation>保存运行</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/files.py" line="423" />
      <source>The run</source>
      <translation>运行</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/files.py" line="431" />
      <source>{0} could not be saved: {1}</source>
      <translation>{0}无法保存：{1}</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/files.py" line="437" />
      <source>{0} could not be saved to {1}: {2}</source>
      <translation>{0}无法保存到 {1}：{2}</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/files.py" line="448" />
      <source>Import weights</source>
      <translation>导入权重</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/files.py" line="450" />
      <source>Weights (*.safetensors *.npz *{0})</source>
      <translation>权重 (*.safetensors *.npz *{0})</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/files.py" line="474" />
      <source>{0} does not fit this model, nothing was changed:
• {1}</source>
      <translation>{0} 与此模型不匹配，未做任何更改：
• {1}</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/files.py" line="482" />
      <source>{0} was not imported: {1}</source>
      <translation>{0} 未导入：{1}</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/files.py" line="484" />
      <source>Imported the weights of {0}</source>
      <translation>已导入 {0} 的权重</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/files.py" line="495" />
      <source>Export the weights</source>
      <translation>导出权重</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/files.py" line="497" />
      <source>PyTorch safetensors (*.safetensors);;NumPy (*.npz);;ONNX (*.onnx)</source>
      <translation>PyTorch safetensors (*.safetensors);;NumPy (*.npz);;ONNX (*.onnx)</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/files.py" line="508" />
      <source>{0}: save as .safetensors, .npz or .onnx</source>
      <translation>{0}：请保存为 .safetensors、.npz 或 .onnx</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/files.py" line="517" />
      <source>The weights</source>
      <translation>权重</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/files.py" line="524" />
      <source>Export the history</source>
      <translation>导出历史记录</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/files.py" line="526" />
      <source>CSV (*.csv)</source>
      <translation>CSV (*.csv)</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/files.py" line="537" />
      <source>The history</source>
      <translation>历史记录</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/files.py" line="543" />
      <source>Export every panel into a folder</source>
      <translation>将所有面板导出到文件夹</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/files.py" line="549" />
      <source>Width of the PNG images</source>
      <translation>PNG 图像的宽度</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/files.py" line="550" />
      <source>Width in pixels (the SVG drawings scale to any size):</source>
      <translation>宽度，以像素为单位（SVG 矢量图可缩放到任意尺寸）：</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/files.py" line="569" />
      <source>Only {0} of the {1} images were saved: {2}</source>
      <translation>{1} 张图像中只保存了 {0} 张：{2}</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/files.py" line="572" />
      <source>No image was saved: {0}</source>
      <translation>没有保存任何图像：{0}</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/files.py" line="575" />
      <source>{0} images</source>
      <translation>{0} 张图像</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/files.py" line="583" />
      <source>Save the panel as a picture</source>
      <translation>将面板保存为图片</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/files.py" line="585" />
      <source>PNG image (*.png);;SVG drawing (*.svg)</source>
      <translation>PNG 图像 (*.png);;SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/files.py" line="596" />
      <source>Width of the PNG image</source>
      <translation>PNG 图像的宽度</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/files.py" line="597" />
      <source>Width in pixels (on screen: {0}):</source>
      <translation>宽度，以像素为单位（屏幕上为 {0}）：</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/files.py" line="613" />
      <source>The image was not saved: {0}</source>
      <translation>图像未保存：{0}</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/files.py" line="615" />
      <source>The image</source>
      <translation>图像</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/files.py" line="643" />
      <location filename="../../lstm_studio/ui/files.py" line="646" />
      <source>{0} is a file, not a folder</source>
      <translation>{0} 是一个文件，不是文件夹</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/files.py" line="644" />
      <source>the folder {0} cannot be made: {1}</source>
      <translation>无法创建文件夹 {0}：{1}</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/files.py" line="652" />
      <source>the folder {0} cannot be written to: {1}</source>
      <translation>无法写入文件夹 {0}：{1}</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/files.py" line="670" />
      <source>the lock file {0} cannot be made</source>
      <translation>无法创建锁文件 {0}</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/files.py" line="671" />
      <source>{0} windows are open</source>
      <translation>已打开 {0} 个窗口</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/files.py" line="738" />
      <source>Autosave: {0}</source>
      <translation>自动保存：{0}</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/files.py" line="742" />
      <source>This window's run is saved to {0} every {1:g} s while it trains, when it pauses and when the window closes.</source>
      <translation>训练时每 {1:g} 秒、暂停时以及关闭窗口时，本窗口的运行都会保存到 {0}。</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/files.py" line="749" />
      <source>This window autosaves to its own file, {0}, as another has {1}</source>
      <translation>本窗口自动保存到它自己的文件 {0}，因为另一个窗口在用 {1}</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/files.py" line="759" />
      <source>Autosave is off: {0}</source>
      <translation>自动保存已关闭：{0}</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/files.py" line="760" />
      <source>Autosave off</source>
      <translation>自动保存已关闭</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/files.py" line="767" />
      <source>Autosave failed</source>
      <translation>自动保存失败</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/files.py" line="770" />
      <source>The last autosave to {0} failed: {1}</source>
      <translation>最近一次自动保存到 {0} 失败：{1}</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/files.py" line="772" />
      <source>Autosave failed: {0}</source>
      <translation>自动保存失败：{0}</translation>
    </message>
  </context>
  <context>
    <name>ScrubberPanel</name>
    <message>
      <location filename="../../lstm_studio/ui/panels/scrubber.py" line="93" />
      <source>Forward</source>
      <translation>前向</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/scrubber.py" line="94" />
      <source>Read the forward pass: the gates and states</source>
      <translation>查看前向计算：各个门和状态</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/scrubber.py" line="97" />
      <source>Backward</source>
      <translation>反向</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/scrubber.py" line="99" />
      <source>Read the backward pass: δ of the loss at the scored step τ, from τ back to 0</source>
      <translation>查看反向传播：计分时刻 τ 的损失的 δ，从 τ 回到 0</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/scrubber.py" line="112" />
      <location filename="../../lstm_studio/ui/panels/scrubber.py" line="292" />
      <source>Play: walk t through the sequence</source>
      <translation>播放：让 t 依次走过整个序列</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/scrubber.py" line="118" />
      <source>The timestep t of the probe sequence (← and → keys)</source>
      <translation>探测序列的时间步 t（← 和 → 键）</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/scrubber.py" line="127" />
      <source>The unit (row of every heatmap)</source>
      <translation>单元（每个热力图中的行）</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/scrubber.py" line="135" />
      <source>The layer (1 = nearest the input); in a bidirectional model → reads t from 0 up, ← from the last step down</source>
      <translation>层（1 = 最靠近输入）；在双向模型中，→ 的 t 从 0 往后读，← 从最后一步往前读</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/scrubber.py" line="140" />
      <location filename="../../lstm_studio/ui/panels/scrubber.py" line="220" />
      <source>Train or step to see values</source>
      <translation>训练或单步执行后即可查看数值</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/scrubber.py" line="157" />
      <source>unit</source>
      <translation>单元</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/scrubber.py" line="160" />
      <source>layer</source>
      <translation>层</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/scrubber.py" line="294" />
      <source>Play: walk t the way δ flows in the ← run, up to the last step</source>
      <translation>播放：沿 ← 方向中 δ 流动的方向移动 t，直到最后一步</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/scrubber.py" line="296" />
      <source>Play: walk t the way δ flows in the → run, down to 0</source>
      <translation>播放：沿 → 方向中 δ 流动的方向移动 t，直到 0</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/scrubber.py" line="297" />
      <source>Play: walk t from τ back to 0</source>
      <translation>播放：让 t 从 τ 回退到 0</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/scrubber.py" line="375" />
      <source>t = {0}, unit {1}, {2}:</source>
      <translation>t = {0}，单元 {1}，{2}：</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/scrubber.py" line="377" />
      <source>t = {0}, unit {1}, layer {2}:</source>
      <translation>t = {0}，单元 {1}，第 {2} 层：</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/scrubber.py" line="383" />
      <source>This snapshot carries no backward pass</source>
      <translation>此快照不含反向传播数据</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/scrubber.py" line="400" />
      <source>&lt;i&gt;before the cut at step {0}: no gradient reaches here&lt;/i&gt;</source>
      <translation>&lt;i&gt;在第 {0} 步的截断处之前：没有梯度能到达这里&lt;/i&gt;</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/scrubber.py" line="410" />
      <source>&lt;i&gt;after the ← run's cut at step {0}: no gradient reaches here&lt;/i&gt;</source>
      <translation>&lt;i&gt;在 ← 方向第 {0} 步的截断之后：没有梯度到达这里&lt;/i&gt;</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/scrubber.py" line="416" />
      <source>Backward from τ = {0}: t = {1}, unit {2}, {3}:</source>
      <translation>从 τ = {0} 反向传播：t = {1}，单元 {2}，{3}：</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/scrubber.py" line="420" />
      <source>Backward from τ = {0}: t = {1}, unit {2}, layer {3}:</source>
      <translation>从 τ = {0} 反向：t = {1}，单元 {2}，第 {3} 层：</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/scrubber.py" line="429" />
      <source>&lt;b&gt;x&lt;sub&gt;t&lt;/sub&gt;&lt;/b&gt; = layer {0}'s [h→ ; h←]</source>
      <translation>&lt;b&gt;x&lt;sub&gt;t&lt;/sub&gt;&lt;/b&gt; = 第 {0} 层的 [h→ ; h←]</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/scrubber.py" line="431" />
      <source>&lt;b&gt;x&lt;sub&gt;t&lt;/sub&gt;&lt;/b&gt; = layer {0}'s h</source>
      <translation>&lt;b&gt;x&lt;sub&gt;t&lt;/sub&gt;&lt;/b&gt; = 第 {0} 层的 h</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/scrubber.py" line="439" />
      <source>&lt;b&gt;x&lt;sub&gt;t&lt;/sub&gt;&lt;/b&gt; symbol {0}</source>
      <translation>&lt;b&gt;x&lt;sub&gt;t&lt;/sub&gt;&lt;/b&gt; 符号 {0}</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/scrubber.py" line="441" />
      <source>&lt;b&gt;x&lt;sub&gt;t&lt;/sub&gt;&lt;/b&gt; nothing</source>
      <translation>&lt;b&gt;x&lt;sub&gt;t&lt;/sub&gt;&lt;/b&gt; 无</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/scrubber.py" line="442" />
      <source>&lt;b&gt;x&lt;sub&gt;t&lt;/sub&gt;&lt;/b&gt; {0} values</source>
      <translation>&lt;b&gt;x&lt;sub&gt;t&lt;/sub&gt;&lt;/b&gt; {0} 个值</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/scrubber.py" line="450" />
      <source>Pause the walk through t</source>
      <translation>暂停 t 的播放</translation>
    </message>
  </context>
  <context>
    <name>SetupPanel</name>
    <message>
      <location filename="../../lstm_studio/ui/setup_panel.py" line="182" />
      <source>Task parameters</source>
      <extracomment>what was typed for a task that needs a file, kept when the window refused it (a typo in a path): choosing the task again shows it, to be corrected the parameters such a task last trained with: choosing it again uses them</extracomment>
      <translation>任务参数</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/setup_panel.py" line="199" />
      <source>both directions, → and ←</source>
      <extracomment>the fields that edit a number of the config, by its name (``FIELDS`` gives each its range, decimals and step)</extracomment>
      <translation>两个方向，→ 和 ←</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/setup_panel.py" line="213" />
      <location filename="../../lstm_studio/ui/setup_panel.py" line="650" />
      <location filename="../../lstm_studio/ui/setup_panel.py" line="656" />
      <source>off</source>
      <translation>关闭</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/setup_panel.py" line="216" />
      <source> steps</source>
      <translation> 步</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/setup_panel.py" line="217" />
      <location filename="../../lstm_studio/ui/setup_panel.py" line="653" />
      <source>full</source>
      <translation>不截断</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/setup_panel.py" line="220" />
      <source>Truncated backpropagation through time: the sequence is cut into chunks of k steps. The state flows on from chunk to chunk, but the gradient stops at each cut (PyTorch: h = h.detach() every k steps). Cheaper, but nothing that spans more than k steps can be learned. 0 (full): the gradient goes back to the first step.</source>
      <translation>截断的随时间反向传播（BPTT）：序列被切成每块 k 步。状态从一块继续流向下一块，但梯度在每个切点处停下（PyTorch：每 k 步执行 h = h.detach()）。计算更省，但跨度超过 k 步的关系就学不到了。0（不截断）：梯度一直传回第一步。</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/setup_panel.py" line="242" />
      <source>How the recurrent weights W_hh start; the gain below multiplies them. Only W_hh changes: every other weight starts as PyTorch starts it.</source>
      <translation>循环权重 W_hh 的初始方式；下面的增益与它相乘。只有 W_hh 会改变：其余权重都按 PyTorch 的方式初始化。</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/setup_panel.py" line="249" />
      <source>The gain multiplies W_hh. Above 1, W_hh stretches the vectors it is applied to: an RNN's gradient can then grow back through time (exploding gradients). Below 1 it shrinks them, and the gradient fades (vanishing gradients). Orthogonal × gain has every singular value equal to the gain.</source>
      <translation>增益与 W_hh 相乘。大于 1 时，W_hh 会把它作用的向量拉长：RNN 的梯度在随时间反向传播时就可能越来越大（梯度爆炸）。小于 1 时它把向量缩短，梯度逐渐消失（梯度消失）。正交 × 增益的每个奇异值都等于增益。</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/setup_panel.py" line="255" />
      <source>Use the task's preset</source>
      <translation>使用任务预设</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/setup_panel.py" line="256" />
      <source>Cell, sizes and optimizer that solve this task</source>
      <translation>能解决此任务的单元类型、规模和优化器</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/setup_panel.py" line="258" />
      <source>Model</source>
      <translation>模型</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/setup_panel.py" line="260" />
      <location filename="../../lstm_studio/ui/setup_panel.py" line="662" />
      <source>Cell</source>
      <translation>单元类型</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/setup_panel.py" line="262" />
      <location filename="../../lstm_studio/ui/setup_panel.py" line="663" />
      <source>Layers</source>
      <translation>层数</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/setup_panel.py" line="263" />
      <location filename="../../lstm_studio/ui/setup_panel.py" line="664" />
      <source>Hidden units</source>
      <translation>隐藏单元</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/setup_panel.py" line="264" />
      <location filename="../../lstm_studio/ui/setup_panel.py" line="665" />
      <source>Bidirectional</source>
      <translation>双向</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/setup_panel.py" line="266" />
      <location filename="../../lstm_studio/ui/setup_panel.py" line="666" />
      <source>Forget-gate bias</source>
      <translation>遗忘门偏置</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/setup_panel.py" line="268" />
      <location filename="../../lstm_studio/ui/setup_panel.py" line="667" />
      <source>W_hh starts as</source>
      <translation>W_hh 初始为</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/setup_panel.py" line="269" />
      <location filename="../../lstm_studio/ui/setup_panel.py" line="668" />
      <source>× gain</source>
      <translation>× 增益</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/setup_panel.py" line="270" />
      <source>Precision</source>
      <translation>精度</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/setup_panel.py" line="271" />
      <source>Training</source>
      <translation>训练</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/setup_panel.py" line="273" />
      <location filename="../../lstm_studio/ui/setup_panel.py" line="669" />
      <source>Optimizer</source>
      <translation>优化器</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/setup_panel.py" line="274" />
      <location filename="../../lstm_studio/ui/setup_panel.py" line="670" />
      <source>Learning rate</source>
      <translation>学习率</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/setup_panel.py" line="275" />
      <location filename="../../lstm_studio/ui/setup_panel.py" line="671" />
      <source>Momentum (SGD)</source>
      <translation>动量（SGD）</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/setup_panel.py" line="276" />
      <location filename="../../lstm_studio/ui/setup_panel.py" line="672" />
      <source>Clip gradient norm</source>
      <translation>梯度范数裁剪</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/setup_panel.py" line="277" />
      <location filename="../../lstm_studio/ui/setup_panel.py" line="673" />
      <source>Truncate BPTT</source>
      <translation>截断 BPTT</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/setup_panel.py" line="278" />
      <location filename="../../lstm_studio/ui/setup_panel.py" line="674" />
      <source>Batch size</source>
      <translation>批大小</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/setup_panel.py" line="279" />
      <source>Seed</source>
      <translation>随机种子</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/setup_panel.py" line="283" />
      <source>Task</source>
      <translation>任务</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/setup_panel.py" line="319" />
      <source>Each layer reads the sequence twice: forward (→, t from 0 up) and in reverse (←, from the last step down), with weights of its own each way. Both directions' states at a step, [h→ ; h←], feed the next layer and the head, so every output sees the whole sequence, after t as well as before (PyTorch: nn.LSTM(..., bidirectional=True)).</source>
      <translation>每一层把序列读两遍：正向（→，t 从 0 往后）和逆向（←，从最后一步往前），每个方向有各自的权重。两个方向在同一步的状态 [h→ ; h←] 送入下一层和输出头，因此每个输出都能看到整个序列，t 之后的和之前的都能看到（即 PyTorch 的双向 LSTM）。</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/setup_panel.py" line="340" />
      <source>uniform (PyTorch)</source>
      <translation>均匀分布（PyTorch）</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/setup_panel.py" line="341" />
      <source>PyTorch's default: every entry uniform in ±1/√H, as every other weight</source>
      <translation>PyTorch 的默认方式：每个元素在 ±1/√H 内均匀分布，与其余权重相同</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/setup_panel.py" line="344" />
      <source>orthogonal</source>
      <translation>正交</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/setup_panel.py" line="346" />
      <source>Each gate's H × H block an orthogonal matrix: it turns a vector without stretching it, so the gain alone sets how far W_hh stretches</source>
      <translation>每个门的 H × H 块是一个正交矩阵：它只旋转向量而不拉长它，因此 W_hh 拉长多少完全由增益决定</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/setup_panel.py" line="351" />
      <source>normal / √H</source>
      <translation>正态 / √H</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/setup_panel.py" line="352" />
      <source>Every entry drawn from N(0, 1) / √H</source>
      <translation>每个元素取自 N(0, 1) / √H</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/setup_panel.py" line="409" />
      <source>auto</source>
      <translation>自动</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/setup_panel.py" line="417" />
      <source>a CSV or UTF-8 text file</source>
      <translation>CSV 或 UTF-8 文本文件</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/setup_panel.py" line="418" />
      <source>Browse…</source>
      <translation>浏览…</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/setup_panel.py" line="433" />
      <source>Your data</source>
      <translation>你的数据</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/setup_panel.py" line="435" />
      <source>Data (*.csv *.tsv *.txt *.md);;All files (*)</source>
      <translation>数据 (*.csv *.tsv *.txt *.md);;所有文件 (*)</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/setup_panel.py" line="587" />
      <source>Correct the file's name or choose another, then press Enter</source>
      <translation>请改正文件名或另选一个文件，然后按回车键</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/setup_panel.py" line="589" />
      <source>Choose a CSV or UTF-8 text file for “Your own data”</source>
      <translation>为“你自己的数据”选择一个 CSV 或 UTF-8 文本文件</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/setup_panel.py" line="656" />
      <source>on</source>
      <translation>开启</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/setup_panel.py" line="675" />
      <source>Steps</source>
      <translation>步数</translation>
    </message>
  </context>
  <context>
    <name>ShortcutsDialog</name>
    <message>
      <location filename="../../lstm_studio/ui/shortcuts.py" line="50" />
      <source>Keyboard shortcuts</source>
      <translation>键盘快捷键</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/shortcuts.py" line="53" />
      <source>Action</source>
      <translation>操作</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/shortcuts.py" line="53" />
      <source>Keys</source>
      <translation>按键</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/shortcuts.py" line="62" />
      <source>Space and S act on the window only when no field has the keyboard: click an empty part of a panel first.</source>
      <translation>只有当没有输入框获得键盘焦点时，空格和 S 才作用于窗口：请先点击面板的空白处。</translation>
    </message>
  </context>
  <context>
    <name>StatesPanel</name>
    <message>
      <location filename="../../lstm_studio/ui/panels/states.py" line="45" />
      <source>c, clipped at ±3</source>
      <translation>c，在 ±3 处截断</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/states.py" line="46" />
      <source>h: -1 .. 1</source>
      <translation>h：-1 .. 1</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/states.py" line="51" />
      <source>The cell state is unbounded; colours stop at -3 and 3 (the same all run long). Hover a cell to read its exact value.</source>
      <translation>单元状态没有上下界；颜色在 -3 和 3 处封顶（整个运行期间都相同）。将鼠标悬停在格子上可读取其精确值。</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/states.py" line="54" />
      <source>The hidden state lies in -1 .. 1, white = 0</source>
      <translation>隐藏状态位于 -1 .. 1 之间，白色 = 0</translation>
    </message>
  </context>
  <context>
    <name>SweepDock</name>
    <message>
      <location filename="../../lstm_studio/ui/compare.py" line="519" />
      <source>Adding problem</source>
      <extracomment>the table's columns: keys of ``SweepSnapshot.table()`` (``metric``: its ``metric_key``)</extracomment>
      <translation>加法问题</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/compare.py" line="520" />
      <source>Copy</source>
      <translation>复制</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/compare.py" line="523" />
      <source>The lag is the adding problem's length T, or copy's delay between showing and recalling</source>
      <translation>滞后步数即加法问题的长度 T，或复制任务中显示与回忆之间的延迟</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/compare.py" line="531" />
      <source>Lags to try, separated by commas</source>
      <translation>要尝试的滞后步数，以逗号分隔</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/compare.py" line="535" />
      <source>both directions</source>
      <translation>双向</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/compare.py" line="539" />
      <source>Bidirectional layers (→ and ←) for every run: each layer also reads the sequence from the last step down</source>
      <translation>每次运行都用双向层（→ 和 ←）：每一层还会从最后一步往前读序列</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/compare.py" line="547" />
      <source>Training steps for every run (fewer when solved early)</source>
      <translation>每次运行的训练步数（提前学会则更少）</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/compare.py" line="548" />
      <location filename="../../lstm_studio/ui/compare.py" line="823" />
      <source>Start sweep</source>
      <translation>开始扫描</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/compare.py" line="552" />
      <source>idle</source>
      <translation>空闲</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/compare.py" line="557" />
      <source>Export CSV…</source>
      <translation>导出 CSV…</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/compare.py" line="558" />
      <source>Save the table of finished runs as a CSV file</source>
      <translation>将已完成运行的表格保存为 CSV 文件</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/compare.py" line="567" />
      <source>lags</source>
      <translation>滞后步数</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/compare.py" line="574" />
      <source>steps per run</source>
      <translation>每次运行步数</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/compare.py" line="587" />
      <source>lag (steps the memory must bridge)</source>
      <translation>滞后步数（记忆必须跨越的步数）</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/compare.py" line="597" />
      <source>chance</source>
      <translation>随机水平</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/compare.py" line="645" />
      <source>{0!r} is not a lag: use whole numbers from {1} to {2}</source>
      <translation>{0!r} 不是有效的滞后步数：请使用 {1} 到 {2} 之间的整数</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/compare.py" line="652" />
      <source>type at least one lag</source>
      <translation>请至少输入一个滞后步数</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/compare.py" line="701" />
      <source>{cell} at lag {lag}</source>
      <translation>{cell}，滞后步数 {lag}</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/compare.py" line="702" />
      <source>held-out {metric}: {value}</source>
      <translation>留出集{metric}：{value}</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/compare.py" line="707" />
      <source>solved: yes, at step {0}</source>
      <translation>学会：是，在第 {0} 步</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/compare.py" line="710" />
      <source>solved: no (met the criterion at step {0}, not at the end)</source>
      <translation>学会：否（第 {0} 步曾达到标准，结束时未达到）</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/compare.py" line="715" />
      <source>solved: no (diverged at step {0})</source>
      <translation>学会：否（在第 {0} 步发散）</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/compare.py" line="717" />
      <source>solved: no</source>
      <translation>学会：否</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/compare.py" line="719" />
      <source>{seconds} s for {steps} steps</source>
      <translation>{steps} 步用时 {seconds} 秒</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/compare.py" line="735" />
      <source>Not saved</source>
      <translation>未保存</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/compare.py" line="736" />
      <source>{0} could not be saved: {1}</source>
      <translation>{0}无法保存：{1}</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/compare.py" line="891" />
      <source>cell</source>
      <translation>单元类型</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/compare.py" line="892" />
      <source>lag</source>
      <translation>滞后步数</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/compare.py" line="892" />
      <source>the steps the memory must bridge</source>
      <translation>记忆必须跨越的步数</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/compare.py" line="895" />
      <source>held-out {0} at the end of the run</source>
      <translation>运行结束时的留出集{0}</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/compare.py" line="897" />
      <source>solved</source>
      <translation>是否学会</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/compare.py" line="897" />
      <source>the run ended with the task solved</source>
      <translation>运行结束时已学会该任务</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/compare.py" line="899" />
      <source>at step</source>
      <translation>学会时的步数</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/compare.py" line="900" />
      <source>the step of the evaluation that first met the criterion</source>
      <translation>首次达到学会标准的那次评估所在的训练步</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/compare.py" line="903" />
      <source>time (s)</source>
      <translation>用时（秒）</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/compare.py" line="904" />
      <source>seconds the run took to train (slow motion not counted)</source>
      <translation>这次运行训练所用的秒数（不计慢动作的等待）</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/compare.py" line="920" />
      <source>yes</source>
      <translation>是</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/compare.py" line="920" />
      <source>no</source>
      <translation>否</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/compare.py" line="938" />
      <source>Export the lag sweep's results</source>
      <translation>导出滞后扫描的结果</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/compare.py" line="940" />
      <source>CSV files (*.csv)</source>
      <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/compare.py" line="770" />
      <source>whole numbers from {0} to {1}</source>
      <translation>{0} 到 {1} 之间的整数</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/compare.py" line="778" />
      <source>held-out {0} at the end of each run</source>
      <translation>每次运行结束时的留出集{0}</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/compare.py" line="820" />
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/compare.py" line="826" />
      <source>Tick at least one cell</source>
      <translation>至少勾选一种单元类型</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/compare.py" line="851" />
      <source>training {cell} at lag {lag}: step {step} of {steps}</source>
      <translation>正在训练 {cell}，滞后步数 {lag}：第 {step} / {steps} 步</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/compare.py" line="858" />
      <source>cancelled</source>
      <translation>已取消</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/compare.py" line="860" />
      <source>Cancelled after {0} of {1} runs; the chart keeps them.</source>
      <translation>在完成 {0} / {1} 次运行后取消；图表保留了这些结果。</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/compare.py" line="865" />
      <source>All {0} runs done.</source>
      <translation>全部 {0} 次运行已完成。</translation>
    </message>
  </context>
  <context>
    <name>TextView</name>
    <message>
      <location filename="../../lstm_studio/ui/panels/predictions.py" line="905" />
      <source>The network writes at each evaluation.</source>
      <translation>网络会在每次评估时写一段文字。</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/predictions.py" line="918" />
      <source>How adventurous the writing is: 0 always takes the likeliest character, 1 samples the network's own probabilities, above 1 flattens them. A change writes the text again at once, from the current weights.</source>
      <translation>写作有多大胆：0 总是选可能性最大的字符，1 按网络自身的概率采样，大于 1 会让概率分布变得更平坦。改动后立即用当前的权重重新写一遍。</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/predictions.py" line="924" />
      <source>&amp;Temperature</source>
      <translation>温度(&amp;T)</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/predictions.py" line="931" />
      <source>(0 = safest, higher = wilder)</source>
      <translation>（0 = 最稳妥，越高越随意）</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/predictions.py" line="942" />
      <source>&amp;Sample</source>
      <translation>采样(&amp;S)</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/predictions.py" line="947" />
      <source>Write now, from the current weights, while training or not: Length characters drawn with Seed. The same seed and weights write the same text.</source>
      <translation>现在就用当前的权重写一段，训练中或暂停时都可以：按“种子”抽取“长度”个字符。种子和权重相同，写出的文字也相同。</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/predictions.py" line="958" />
      <source>How many characters the network writes</source>
      <translation>网络写多少个字符</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/predictions.py" line="964" />
      <source>new each evaluation</source>
      <translation>每次评估都换新的</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/predictions.py" line="968" />
      <source>The seed of the random draws ({low} … {high}): the same seed and weights write the same text. Empty: the step number is the seed, so each evaluation writes a new text.</source>
      <translation>随机抽取的种子（{low} … {high}）：种子和权重相同，写出的文字也相同。留空：以步数为种子，所以每次评估都会写出新的文字。</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/predictions.py" line="979" />
      <source>&amp;Length</source>
      <translation>长度(&amp;L)</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/predictions.py" line="981" />
      <source>S&amp;eed</source>
      <translation>种子(&amp;E)</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/predictions.py" line="1029" />
      <source>Seed</source>
      <translation>种子</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/predictions.py" line="1050" />
      <source>Your prompt (shaded), and what the network wrote after it; it writes again at each evaluation</source>
      <translation>你的提示（灰底）以及网络接着写出的文字；每次评估时它都会重新写</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/predictions.py" line="1053" />
      <source>Written by the network; it writes again at each evaluation</source>
      <translation>由网络写出；每次评估时它都会重新写</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/predictions.py" line="1063" />
      <source>Held-out text and the network's guess of each next character</source>
      <translation>留出集文本，以及网络对每个下一个字符的猜测</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/predictions.py" line="1098" />
      <source>Your text and the network's guess of each next character: {right} of {T} right; its guess after your last character is not scored</source>
      <translation>你的文字，以及网络对每个下一个字符的猜测：{T} 个中猜对 {right} 个；它在你最后一个字符之后的猜测不计分</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/predictions.py" line="1103" />
      <source>Held-out text and the network's guess of each next character: {right} of {T} right</source>
      <translation>留出集文本，以及网络对每个下一个字符的猜测：{T} 个中猜对 {right} 个</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/predictions.py" line="1110" />
      <source>(the first {n} are shown)</source>
      <translation>（仅显示前 {n} 个）</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/predictions.py" line="1115" />
      <source>text</source>
      <translation>原文</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/predictions.py" line="1115" />
      <source>guess</source>
      <translation>猜测</translation>
    </message>
  </context>
  <context>
    <name>TrainingHost</name>
    <message>
      <location filename="../../lstm_studio/ui/worker.py" line="254" />
      <source> (exit code {0})</source>
      <translation>（退出码 {0}）</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/worker.py" line="257" />
      <source>The training process ended unexpectedly{0}. The model was reset; press Train to start again.</source>
      <translation>训练进程意外结束{0}。模型已重置；按“训练”重新开始。</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/worker.py" line="262" />
      <source>The training process could not start{0}. Its error output is in the terminal that started LSTM Studio; the interpreter was {1}.</source>
      <translation>训练进程无法启动{0}。其错误输出在启动 LSTM Studio 的终端中；解释器为 {1}。</translation>
    </message>
  </context>
  <context>
    <name>UnitsPanel</name>
    <message>
      <location filename="../../lstm_studio/ui/panels/units.py" line="261" />
      <source>This view is for text tasks. It colours a text by what one unit of the network holds at each character, and ranks the units by how closely they follow simple features of the text: inside quotes, the position in a line, a vowel, punctuation. Choose “Character-level text” or a text file of your own in the Setup.</source>
      <translation>此视图用于文本任务。它按网络中一个单元在每个字符处的取值给文本上色，并按各单元与文本简单特征（引号之内、在行中的位置、元音、标点）的吻合程度排序。请在“设置”中选择“字符级文本”或你自己的文本文件。</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/units.py" line="273" />
      <source>Refresh</source>
      <translation>刷新</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/units.py" line="276" />
      <source>Measure again now, with the current weights (one pass over the text)</source>
      <translation>现在用当前权重重新测量（对文本做一次前向计算）</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/units.py" line="285" />
      <source>Layer:</source>
      <translation>层：</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/units.py" line="290" />
      <source>The gate or state whose value colours the text</source>
      <translation>用其取值给文本上色的门或状态</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/units.py" line="293" />
      <source>The unit (0 = the first), as in the heatmaps</source>
      <translation>单元编号（0 为第一个），与热图中一致</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/units.py" line="299" />
      <source>Colour by:</source>
      <translation>上色依据：</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/units.py" line="303" />
      <location filename="../../lstm_studio/ui/panels/units.py" line="365" />
      <source>unit</source>
      <translation>单元</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/units.py" line="322" />
      <source>hover a character to read the unit's value there</source>
      <translation>将鼠标悬停在字符上，读取该处单元的取值</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/units.py" line="341" />
      <location filename="../../lstm_studio/ui/panels/units.py" line="365" />
      <source>feature</source>
      <translation>特征</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/units.py" line="342" />
      <source>best unit</source>
      <translation>最佳单元</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/units.py" line="343" />
      <location filename="../../lstm_studio/ui/panels/units.py" line="365" />
      <source>r</source>
      <translation>r</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/units.py" line="344" />
      <source>untrained</source>
      <translation>未训练</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/units.py" line="345" />
      <source>kind</source>
      <translation>类型</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/units.py" line="349" />
      <source>The unit that follows the feature most closely (largest |r|)</source>
      <translation>与该特征吻合得最紧密的单元（|r| 最大）</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/units.py" line="352" />
      <source>The best |r| of the same network at its starting weights, on the same text</source>
      <translation>同一网络在初始权重下、在同一文本上的最大 |r|</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/units.py" line="356" />
      <source>memory: the feature depends on characters read before; input: the character just read tells it</source>
      <translation>记忆：特征取决于之前读过的字符；输入：刚读到的字符就能决定它</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/units.py" line="387" />
      <source>Units of:</source>
      <translation>单元范围：</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/units.py" line="441" />
      <source>every gate and state</source>
      <translation>所有门和状态</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/units.py" line="459" />
      <location filename="../../lstm_studio/ui/panels/units.py" line="534" />
      <source>Not measured yet</source>
      <translation>尚未测量</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/units.py" line="502" />
      <source>measuring…</source>
      <translation>测量中…</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/units.py" line="529" />
      <source>Not measured: {0}</source>
      <translation>未能测量：{0}</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/units.py" line="536" />
      <source>your prompt, {0:,} characters</source>
      <translation>你的提示文本，{0:,} 个字符</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/units.py" line="538" />
      <source>{0:,} characters of held-out text</source>
      <translation>{0:,} 个保留文本字符</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/units.py" line="539" />
      <source>{0}, weights of step {1}</source>
      <translation>{0}，第 {1} 步的权重</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/units.py" line="547" />
      <source>every feature</source>
      <translation>所有特征</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/units.py" line="561" />
      <source>not in this text</source>
      <translation>此文本中没有</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/units.py" line="568" />
      <source>memory</source>
      <translation>记忆</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/units.py" line="568" />
      <source>input</source>
      <translation>输入</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/units.py" line="593" />
      <source>below the chance level: a match this weak means nothing</source>
      <translation>低于随机水平：这么弱的吻合没有意义</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/units.py" line="614" />
      <source>{0} · {1} · unit {2}</source>
      <translation>{0} · {1} · 单元 {2}</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/units.py" line="617" />
      <source>{0} · unit {1}</source>
      <translation>{0} · 单元 {1}</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/units.py" line="626" />
      <source>With {0} characters every r is ±1 whatever the unit: the text is too short to tell anything.</source>
      <translation>只有 {0} 个字符时，无论哪个单元 r 都是 ±1：文本太短，说明不了任何问题。</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/units.py" line="631" />
      <source>r over {0:,} characters · chance level 2/√T = {1:.3f} (grey below it)</source>
      <translation>r 基于 {0:,} 个字符 · 随机水平 2/√T = {1:.3f}（低于它的显示为灰色）</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/units.py" line="634" />
      <source>Chance level 2/√T = {0:.3f}: for one unit and one feature that have nothing to do with each other, |r| stays below it 95 % of the time.</source>
      <translation>随机水平 2/√T = {0:.3f}：对于彼此毫无关系的一个单元和一个特征，|r| 有 95% 的时候低于它。</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/units.py" line="637" />
      <source>Pearson r over {0:,} characters.</source>
      <translation>皮尔逊相关系数 r，基于 {0:,} 个字符。</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/units.py" line="639" />
      <source>the best pair slid out of line: {0:.2f}</source>
      <translation>特征错开后的最佳一对：{0:.2f}</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/units.py" line="643" />
      <source>The best of all {0:,} pairs, with the features slid along the text out of line with what the network read: {1:.2f}.</source>
      <translation>把特征沿文本错开、使其与网络所读内容对不上时，全部 {0:,} 对中的最大值：{1:.2f}。</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/units.py" line="715" />
      <source>This model is too large to send every unit's values: pick a unit from the list.</source>
      <translation>此模型太大，无法传送每个单元的取值：请从列表中选择一个单元。</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/units.py" line="743" />
      <source>{0} after reading each character; {1}</source>
      <translation>{0} 读完每个字符后的取值；{1}</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/units.py" line="747" />
      <source>underlined: {0}</source>
      <translation>下划线：{0}</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/units.py" line="752" />
      <source>a fixed scale 0 … 1</source>
      <translation>固定色标 0 … 1</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/units.py" line="754" />
      <source>a fixed scale −1 … 1, white at 0</source>
      <translation>固定色标 −1 … 1，0 为白色</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/units.py" line="756" />
      <source>unbounded: the colours span this unit's own values (1st to 99th percentile)</source>
      <translation>无界：颜色覆盖该单元自身的取值范围（第 1 到第 99 百分位）</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/panels/units.py" line="779" />
      <source>t = {0} ‘{1}’</source>
      <translation>t = {0} ‘{1}’</translation>
    </message>
  </context>
  <context>
    <name>_RunOwner</name>
    <message>
      <location filename="../../lstm_studio/ui/compare.py" line="160" />
      <source>The comparison stopped</source>
      <translation>比较已停止</translation>
    </message>
  </context>
  <context>
    <name>status</name>
    <message>
      <location filename="../../lstm_studio/ui/i18n.py" line="67" />
      <source>running</source>
      <translation>训练中</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/i18n.py" line="68" />
      <source>paused</source>
      <translation>已暂停</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/i18n.py" line="69" />
      <source>finished</source>
      <translation>已完成</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/i18n.py" line="70" />
      <source>solved</source>
      <translation>已学会</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/i18n.py" line="71" />
      <source>stopped</source>
      <translation>已停止</translation>
    </message>
    <message>
      <location filename="../../lstm_studio/ui/i18n.py" line="72" />
      <source>diverged</source>
      <translation>已发散</translation>
    </message>
  </context>
  <context>
    <name>tasks</name>
    <message>
      <source>Binary addition</source>
      <translation>二进制加法</translation>
    </message>
    <message>
      <source>Two numbers arrive one bit per step, least significant bit first, and the network writes the bits of their sum. To get a bit right it must remember the carry from the step before: watch one unit of the cell or hidden state turn into a carry flag.</source>
      <translation>两个数每步输入一位，最低位在前，网络逐位写出它们的和。要写对一位，它必须记住上一步的进位：观察单元状态或隐藏状态中的某个单元如何变成一个进位标志。</translation>
    </message>
    <message>
      <source>2 bits per step (bit t of a and of b)</source>
      <translation>每步 2 位（a 和 b 的第 t 位）</translation>
    </message>
    <message>
      <source>1 bit per step (bit t of a + b)</source>
      <translation>每步 1 位（a + b 的第 t 位）</translation>
    </message>
    <message>
      <source>every step</source>
      <translation>每一步</translation>
    </message>
    <message>
      <source>every bit of every held-out sum is right (sum accuracy 100 %)</source>
      <translation>留出集中每个和的每一位都正确（和的准确率 100 %）</translation>
    </message>
    <message>
      <source>bits per number; the sum has one more</source>
      <translation>每个数的位数；和多一位</translation>
    </message>
    <message>
      <source>bits</source>
      <translation>位数</translation>
    </message>
    <message>
      <source>Echo a fixed sequence</source>
      <translation>回声：输出固定序列</translation>
    </message>
    <message>
      <source>The first toy of the LSTM tutorials: the inputs are random noise and the network must emit the same short list of numbers every time. It has to ignore the inputs and count steps with its state: watch the output curve settle on the targets while the gates stop reacting to the noise.</source>
      <translation>LSTM 教程中的第一个小例子：输入是随机噪声，而网络每次都必须输出同一串简短的数字。它必须忽略输入，用自己的状态来数步数：观察输出曲线逐渐稳定在目标值上，同时各个门不再对噪声作出反应。</translation>
    </message>
    <message>
      <source>D random numbers in [0, 1) per step</source>
      <translation>每步 D 个 [0, 1) 内的随机数</translation>
    </message>
    <message>
      <source>1 number per step (the next target)</source>
      <translation>每步 1 个数（下一个目标值）</translation>
    </message>
    <message>
      <source>every held-out output is within 0.05 of its target</source>
      <translation>留出集中每个输出与其目标值之差都在 0.05 以内</translation>
    </message>
    <message>
      <source>the numbers to emit, comma-separated</source>
      <translation>要输出的数，以逗号分隔</translation>
    </message>
    <message>
      <source>random inputs per step</source>
      <translation>每步的随机输入个数</translation>
    </message>
    <message>
      <source>targets</source>
      <translation>目标值</translation>
    </message>
    <message>
      <source>input size</source>
      <translation>输入维度</translation>
    </message>
    <message>
      <source>Next prime</source>
      <translation>下一个质数</translation>
    </message>
    <message>
      <source>The tutorials' prime predictor: a window of consecutive primes, scaled into [0, 1), goes in one per step, and after the last one the network predicts the next prime. There is no formula to find: the network memorises the list, using the whole window to tell where it is, and the held-out set is every window of it. Look at how precise the output must become before rounding to the nearest prime gives the right answer everywhere.</source>
      <translation>教程中的质数预测器：把一个由连续质数组成的窗口缩放到 [0, 1) 内，每步输入一个，在最后一个之后，网络预测下一个质数。这里没有公式可找：网络把这份质数列表背了下来，借助整个窗口判断自己处在列表的哪个位置，而留出集就是列表中的每一个窗口。注意看输出要精确到什么程度，四舍五入到最近的质数后才能处处得到正确答案。</translation>
    </message>
    <message>
      <source>1 number per step (a prime / limit)</source>
      <translation>每步 1 个数（质数 / 上限）</translation>
    </message>
    <message>
      <source>1 number (the next prime / limit)</source>
      <translation>1 个数（下一个质数 / 上限）</translation>
    </message>
    <message>
      <source>the last step</source>
      <translation>最后一步</translation>
    </message>
    <message>
      <source>for every window, the prime nearest the prediction is the true next prime</source>
      <translation>对每个窗口，离预测值最近的质数都是真正的下一个质数</translation>
    </message>
    <message>
      <source>use the primes below this number</source>
      <translation>使用小于此数的质数</translation>
    </message>
    <message>
      <source>primes per sequence</source>
      <translation>每个序列的质数个数</translation>
    </message>
    <message>
      <source>limit</source>
      <translation>上限</translation>
    </message>
    <message>
      <source>window</source>
      <translation>窗口</translation>
    </message>
    <message>
      <source>sin to cos</source>
      <translation>由 sin 到 cos</translation>
    </message>
    <message>
      <source>The tutorials' PyTorch example: a sine wave goes in and the cosine of the same angle must come out. One sine value fits two cosines (a rising and a falling wave), so the network has to remember the previous steps; the first steps are not scored while it catches the phase. Compare the prediction curve with the target as training goes on.</source>
      <translation>教程中的 PyTorch 例子：输入正弦波，输出必须是同一角度的余弦。同一个正弦值对应两个余弦值（波在上升时一个，下降时一个），所以网络必须记住之前的几步；在它捕捉相位的最初几步不计分。随着训练进行，比较预测值曲线与目标曲线。</translation>
    </message>
    <message>
      <source>1 number per step (sin)</source>
      <translation>每步 1 个数（sin）</translation>
    </message>
    <message>
      <source>1 number per step (cos)</source>
      <translation>每步 1 个数（cos）</translation>
    </message>
    <message>
      <source>every step after the warm-up</source>
      <translation>预热之后的每一步</translation>
    </message>
    <message>
      <source>root-mean-square error below 0.05 on held-out waves</source>
      <translation>留出集波形上的均方根误差低于 0.05</translation>
    </message>
    <message>
      <source>steps per sequence</source>
      <translation>每个序列的步数</translation>
    </message>
    <message>
      <source>slowest wave, radians per step</source>
      <translation>最慢的波，每步弧度数</translation>
    </message>
    <message>
      <source>fastest wave, radians per step</source>
      <translation>最快的波，每步弧度数</translation>
    </message>
    <message>
      <source>first steps that are not scored</source>
      <translation>开头不计分的步数</translation>
    </message>
    <message>
      <source>steps</source>
      <translation>序列长度</translation>
    </message>
    <message>
      <source>min speed</source>
      <translation>最小速度</translation>
    </message>
    <message>
      <source>max speed</source>
      <translation>最大速度</translation>
    </message>
    <message>
      <source>warmup</source>
      <translation>预热</translation>
    </message>
    <message>
      <source>The adding problem</source>
      <translation>加法问题</translation>
    </message>
    <message>
      <source>Two channels: random values, and markers on exactly two steps, one in each half. At the last step the network must output the sum of the two marked values, so it has to keep the first one for up to T steps. Guessing 1 every time gives a loss of about 0.167; a plain RNN stays stuck there once T is a few dozen steps, while an LSTM learns to open its input gate at the markers and hold the value in its cell. Compare the gradient decay plots.</source>
      <translation>两个通道：随机数值，以及恰好落在两个步上的标记，前后两半各一个。在最后一步，网络必须输出两个被标记值之和，因此它必须把第一个值保存最多 T 步。每次都猜 1 的损失约为 0.167；一旦 T 达到几十步，普通 RNN 就会卡在这里，而 LSTM 学会在标记处打开输入门，并把数值保存在单元状态中。比较梯度衰减图。</translation>
    </message>
    <message>
      <source>2 numbers per step (a value and a 0/1 marker)</source>
      <translation>每步 2 个数（一个数值和一个 0/1 标记）</translation>
    </message>
    <message>
      <source>1 number (the sum of the marked values)</source>
      <translation>1 个数（被标记值之和）</translation>
    </message>
    <message>
      <source>held-out mean squared error below 0.01 (guessing 1 gives about 0.167)</source>
      <translation>留出集均方误差低于 0.01（猜 1 约为 0.167）</translation>
    </message>
    <message>
      <source>sequence length T</source>
      <translation>序列长度 T</translation>
    </message>
    <message>
      <source>Copy / delayed recall</source>
      <translation>复制 / 延迟回忆</translation>
    </message>
    <message>
      <source>A few symbols are shown, then nothing happens for a delay, then a signal asks for the symbols back in order. The delay is how long the memory must last: raise it and watch a plain RNN fall to chance (1 / symbols) while an LSTM's forget gates stay near 1 to carry the symbols across.</source>
      <translation>先显示几个符号，然后在一段延迟内什么都不发生，接着一个信号要求按顺序回忆出这些符号。延迟就是记忆必须维持的时长：把它调大，观察普通 RNN 跌落到随机水平（1 / 符号数），而 LSTM 的遗忘门保持在接近 1，把符号带过这段延迟。</translation>
    </message>
    <message>
      <source>one-hot symbol (or nothing) plus a recall flag</source>
      <translation>独热编码的符号（或空）加一个回忆标志</translation>
    </message>
    <message>
      <source>a probability for each symbol</source>
      <translation>每个符号的概率</translation>
    </message>
    <message>
      <source>the recall steps</source>
      <translation>回忆阶段的各步</translation>
    </message>
    <message>
      <source>at least 99 % of the held-out symbols recalled correctly</source>
      <translation>留出集中至少 99 % 的符号被正确回忆</translation>
    </message>
    <message>
      <source>symbols to remember (k)</source>
      <translation>要记住的符号个数（k）</translation>
    </message>
    <message>
      <source>blank steps between showing and recalling (d)</source>
      <translation>显示与回忆之间的空白步数（d）</translation>
    </message>
    <message>
      <source>size of the alphabet</source>
      <translation>符号表大小</translation>
    </message>
    <message>
      <source>length</source>
      <translation>长度</translation>
    </message>
    <message>
      <source>delay</source>
      <translation>延迟</translation>
    </message>
    <message>
      <source>symbols</source>
      <translation>符号数</translation>
    </message>
    <message>
      <source>Does it come again?</source>
      <translation>它还会再出现吗？</translation>
    </message>
    <message>
      <source>A random symbol arrives at each step, and the network must mark each one that appears again later in the sequence. The answer lies in the future: a network that reads forwards only can just guess from how many steps are left, while a bidirectional network, whose backward direction has already read the rest of the sequence, can know. Train it one way, then both ways.</source>
      <translation>每一步来一个随机符号，网络要标出序列后面还会再出现的每个符号。答案在未来：只向前读的网络只能根据还剩多少步来猜，而双向网络的反向方向已经读完了序列的其余部分，所以能知道答案。先单向训练，再双向训练。</translation>
    </message>
    <message>
      <source>one-hot symbol</source>
      <translation>独热编码的符号</translation>
    </message>
    <message>
      <source>1 probability per step (this symbol comes again later)</source>
      <translation>每步 1 个概率（这个符号后面还会再出现）</translation>
    </message>
    <message>
      <source>at least 99 % of the held-out marks right</source>
      <translation>留出集中至少 99 % 的标记正确</translation>
    </message>
    <message>
      <source>Character-level text</source>
      <translation>字符级文本</translation>
    </message>
    <message>
      <source>Read a text one character at a time and predict the next one, then let the network write by sampling from its own predictions. Watch the loss fall below what letter frequencies alone allow, and sample at a low temperature (safe, repetitive) and a high one (inventive, misspelt).</source>
      <translation>每次读入文本的一个字符并预测下一个字符，然后让网络从它自己的预测中采样来写文本。观察损失降到仅凭字母频率所能达到的水平以下，并分别在低温度（稳妥、重复）和高温度（有创意、拼写出错）下采样。</translation>
    </message>
    <message>
      <source>one-hot character</source>
      <translation>独热编码的字符</translation>
    </message>
    <message>
      <source>a probability for each character of the text</source>
      <translation>文本中每个字符的概率</translation>
    </message>
    <message>
      <source>held-out bits per character at most target_ratio x what the letter frequencies alone need (target_ratio 0: 0.65 for English, 0.96 for Chinese, 0.9 for your own text)</source>
      <translation>留出集每字符比特数不超过仅凭字母频率所需比特数的 target_ratio 倍（target_ratio 为 0 时：英文取 0.65，中文取 0.96，你自己的文本取 0.9）</translation>
    </message>
    <message>
      <source>the shipped text</source>
      <translation>自带的文本</translation>
    </message>
    <message>
      <source>characters per training sequence</source>
      <translation>每个训练序列的字符数</translation>
    </message>
    <message>
      <source>solved at this x the letter-frequency bits per character (0: the corpus's own)</source>
      <translation>达到字母频率每字符比特数的这个倍数即算学会（0：使用该语料自身的值）</translation>
    </message>
    <message>
      <source>corpus</source>
      <translation>语料</translation>
    </message>
    <message>
      <source>target ratio</source>
      <translation>目标比例</translation>
    </message>
    <message>
      <source>english</source>
      <translation>英文（莎士比亚十四行诗）</translation>
    </message>
    <message>
      <source>chinese</source>
      <translation>中文（唐诗）</translation>
    </message>
    <message>
      <source>Your own data</source>
      <translation>你自己的数据</translation>
    </message>
    <message>
      <source>Train on a file of your own. A CSV of numbers: the network sees a window of rows and predicts each next row; compare it with simply repeating the last row (the persistence baseline). A text file: it learns to predict and write the next character, as in the text task.</source>
      <translation>用你自己的文件训练。数字组成的 CSV：网络看到由若干行组成的窗口，并预测每一个下一行；把它与简单地重复最后一行（持续预测基线）进行比较。文本文件：它学习预测并写出下一个字符，与文本任务相同。</translation>
    </message>
    <message>
      <source>one row of the CSV (standardised), or a one-hot character</source>
      <translation>CSV 的一行（已标准化），或一个独热编码的字符</translation>
    </message>
    <message>
      <source>the next row, or a probability for each character</source>
      <translation>下一行，或每个字符的概率</translation>
    </message>
    <message>
      <source>CSV: held-out R^2 of the next-row predictions at least 0.9 and above the R^2 of repeating the last row; text: as the text task</source>
      <translation>CSV：下一行预测值在留出集上的 R^2 至少为 0.9，且高于重复最后一行的 R^2；文本：与文本任务相同</translation>
    </message>
    <message>
      <source>the CSV or UTF-8 text file</source>
      <translation>CSV 或 UTF-8 文本文件</translation>
    </message>
    <message>
      <source>how to read the file</source>
      <translation>文件的读取方式</translation>
    </message>
    <message>
      <source>rows or characters per training sequence</source>
      <translation>每个训练序列的行数或字符数</translation>
    </message>
    <message>
      <source>text only: solved at this x the letter-frequency bits per character (0: 0.9)</source>
      <translation>仅限文本：达到字母频率每字符比特数的这个倍数即算学会（0：0.9）</translation>
    </message>
    <message>
      <source>path</source>
      <translation>路径</translation>
    </message>
    <message>
      <source>kind</source>
      <translation>类型</translation>
    </message>
    <message>
      <source>auto</source>
      <translation>自动</translation>
    </message>
    <message>
      <source>csv</source>
      <translation>CSV</translation>
    </message>
    <message>
      <source>text</source>
      <translation>文本</translation>
    </message>
    <message>
      <source>the first number (a)</source>
      <translation>第一个数（a）</translation>
    </message>
    <message>
      <source>the second number (b)</source>
      <translation>第二个数（b）</translation>
    </message>
    <message>
      <source>the seed of the random inputs</source>
      <translation>随机输入的种子</translation>
    </message>
    <message>
      <source>consecutive primes, separated by commas</source>
      <translation>连续的素数，用逗号分隔</translation>
    </message>
    <message>
      <source>the wave's speed, radians per step</source>
      <translation>波的速度，每步的弧度</translation>
    </message>
    <message>
      <source>the phase, in degrees</source>
      <translation>相位（度）</translation>
    </message>
    <message>
      <source>the first marked step (first half)</source>
      <translation>第一个标记的步（前一半）</translation>
    </message>
    <message>
      <source>the value at the first mark</source>
      <translation>第一个标记处的值</translation>
    </message>
    <message>
      <source>the second marked step (second half)</source>
      <translation>第二个标记的步（后一半）</translation>
    </message>
    <message>
      <source>the value at the second mark</source>
      <translation>第二个标记处的值</translation>
    </message>
    <message>
      <source>the symbols to remember</source>
      <translation>要记住的符号</translation>
    </message>
    <message>
      <source>the symbols, one per step</source>
      <translation>符号，每步一个</translation>
    </message>
    <message>
      <source>your text</source>
      <translation>你的文字</translation>
    </message>
    <message>
      <source>the first data row</source>
      <translation>第一行数据</translation>
    </message>
    <message>
      <source>the last data row</source>
      <translation>最后一行数据</translation>
    </message>
  </context>
  <context>
    <name>metrics</name>
    <message>
      <source>loss</source>
      <translation>损失</translation>
    </message>
    <message>
      <source>accuracy</source>
      <translation>准确率</translation>
    </message>
    <message>
      <source>bit accuracy</source>
      <translation>按位准确率</translation>
    </message>
    <message>
      <source>sum accuracy</source>
      <translation>和的准确率</translation>
    </message>
    <message>
      <source>symbol accuracy</source>
      <translation>符号准确率</translation>
    </message>
    <message>
      <source>sequence accuracy</source>
      <translation>序列准确率</translation>
    </message>
    <message>
      <source>rmse</source>
      <translation>均方根误差 RMSE</translation>
    </message>
    <message>
      <source>max error</source>
      <translation>最大误差</translation>
    </message>
    <message>
      <source>mean abs error</source>
      <translation>平均绝对误差</translation>
    </message>
    <message>
      <source>r2</source>
      <translation>R²</translation>
    </message>
    <message>
      <source>persistence r2</source>
      <translation>持续预测的 R²</translation>
    </message>
    <message>
      <source>bits per char</source>
      <translation>每字符比特数</translation>
    </message>
  </context>
  <context>
    <name>cli</name>
    <message>
      <source>LSTM Studio: watch recurrent networks learn.

  lstm-studio                  open the window
  lstm-studio tasks            list the tasks, their parameters and presets
  lstm-studio train [options]  train without a window, with a progress bar
  lstm-studio export RUN --format FORMAT --out PATH
                               weights, history or pictures of a saved run

A run starts from the task's preset; --config FILE.json replaces the preset, and
every option given on the command line overrides both. The output folder gets
config.json, weights.safetensors (the model in PyTorch's parameter names, the
config in its metadata), history.csv, summary.json and run.lstmrun (the whole
run: open it in the window to go on training); it is written only when the run
ends (finished, solved, stopped with Ctrl+C or diverged), all at once.

Exit codes: 0 done, 1 the run diverged (the last finite weights are saved),
2 bad options or data, 3 LSTM Studio itself failed (a bug: the traceback is on
stderr), 4 not enough memory, 130 stopped with Ctrl+C, 143 by SIGTERM, 129 by
SIGHUP (what was trained is saved).
</source>
      <translation>LSTM Studio：观看循环神经网络如何学习。

  lstm-studio                  打开窗口
  lstm-studio tasks            列出任务及其参数和预设
  lstm-studio train [选项]     不打开窗口进行训练，显示进度条
  lstm-studio export 运行 --format 格式 --out 路径
                               导出已保存运行的权重、历史记录或图片

一次运行从任务的预设开始；--config 文件.json 会替换预设，而命令行上
给出的每个选项都会覆盖这两者。输出文件夹中会写入 config.json、
weights.safetensors（使用 PyTorch 参数名的模型，配置保存在其元数据中）、
history.csv、summary.json 和 run.lstmrun（完整的运行：在窗口中打开
它即可继续训练）；这些文件只在运行结束时（完成、学会、用 Ctrl+C 停止
或发散）一次性写入。

退出码：0 完成，1 运行发散（已保存最后一组有限的权重），
2 选项或数据有误，3 LSTM Studio 自身出错（程序缺陷：回溯信息在 stderr 中），
4 内存不足，130 用 Ctrl+C 停止，143 被 SIGTERM 停止，129 被 SIGHUP 停止
（已训练的结果都会保存）。
</translation>
    </message>
    <message>
      <source>examples:
  lstm-studio train --task binary-addition --cell lstm --steps 2000 --seed 0 --out runs/adder
  lstm-studio train --task copy --param delay=50 --cell rnn --out runs/copy-rnn
  lstm-studio train --task own-data --param path=prices.csv --steps 3000 --out runs/prices
  lstm-studio train --task comes-again --bidirectional --out runs/comes-again
  lstm-studio train --config runs/adder/config.json --seed 1 --out runs/adder-seed1
</source>
      <translation>示例：
  lstm-studio train --task binary-addition --cell lstm --steps 2000 --seed 0 --out runs/adder
  lstm-studio train --task copy --param delay=50 --cell rnn --out runs/copy-rnn
  lstm-studio train --task own-data --param path=prices.csv --steps 3000 --out runs/prices
  lstm-studio train --task comes-again --bidirectional --out runs/comes-again
  lstm-studio train --config runs/adder/config.json --seed 1 --out runs/adder-seed1
</translation>
    </message>
    <message>
      <source>examples:
  lstm-studio export runs/adder --format onnx --out adder.onnx
  lstm-studio export saved.lstmrun --format safetensors --out adder.safetensors
  lstm-studio export runs/adder --format csv --out adder-history.csv
  lstm-studio export runs/adder --format svg --out adder-pictures
</source>
      <translation>示例：
  lstm-studio export runs/adder --format onnx --out adder.onnx
  lstm-studio export saved.lstmrun --format safetensors --out adder.safetensors
  lstm-studio export runs/adder --format csv --out adder-history.csv
  lstm-studio export runs/adder --format svg --out adder-pictures
</translation>
    </message>
    <message>
      <source>show this help message and exit</source>
      <translation>显示此帮助信息并退出</translation>
    </message>
    <message>
      <source>show program's version number and exit</source>
      <translation>显示程序的版本号并退出</translation>
    </message>
    <message>
      <source>what to do; with none, the window opens</source>
      <translation>要执行的命令；不给命令时打开窗口</translation>
    </message>
    <message>
      <source>list the tasks, their parameters and presets</source>
      <translation>列出任务及其参数和预设</translation>
    </message>
    <message>
      <source>train without a window</source>
      <translation>不打开窗口进行训练</translation>
    </message>
    <message>
      <source>weights, history or pictures of a saved run</source>
      <translation>导出已保存运行的权重、历史记录或图片</translation>
    </message>
    <message>
      <source>Train a model on a task without a window; see lstm-studio --help.</source>
      <translation>不打开窗口，在某个任务上训练模型；详见 lstm-studio --help。</translation>
    </message>
    <message>
      <source>the task: binary-addition, echo, next-prime, sin-to-cos, adding, copy, comes-again, text, own-data</source>
      <translation>任务：binary-addition、echo、next-prime、sin-to-cos、adding、copy、comes-again、text、own-data</translation>
    </message>
    <message>
      <source>a task parameter (repeatable); lstm-studio tasks lists them</source>
      <translation>任务参数（可重复使用）；用 lstm-studio tasks 列出所有参数</translation>
    </message>
    <message>
      <source>start from this config</source>
      <translation>从此配置开始</translation>
    </message>
    <message>
      <source>start from the task's quicker preset</source>
      <translation>从任务的快速预设开始</translation>
    </message>
    <message>
      <source>cell type: rnn, lstm, gru, peephole, cifg</source>
      <translation>单元类型：rnn、lstm、gru、peephole、cifg</translation>
    </message>
    <message>
      <source>hidden units per layer (H)</source>
      <translation>每层的隐藏单元数（H）</translation>
    </message>
    <message>
      <source>stacked recurrent layers (L), 1 to 4</source>
      <translation>堆叠的循环层数（L），1 到 4</translation>
    </message>
    <message>
      <source>optimizer: sgd, adam, rmsprop</source>
      <translation>优化器：sgd、adam、rmsprop</translation>
    </message>
    <message>
      <source>learning rate</source>
      <translation>学习率</translation>
    </message>
    <message>
      <source>SGD momentum</source>
      <translation>SGD 动量</translation>
    </message>
    <message>
      <source>clip the global gradient norm to this (0: off)</source>
      <translation>将全局梯度范数裁剪到此值（0：关闭）</translation>
    </message>
    <message>
      <source>truncate backpropagation through time every K steps: the state flows on, the gradient stops at each cut (h.detach() every K steps); 0: full, the default</source>
      <translation>每 K 步截断随时间反向传播：状态继续向前流动，梯度在每个切点处停下（每 K 步执行 h.detach()）；0：不截断，即默认值</translation>
    </message>
    <message>
      <source>sequences per step (B)</source>
      <translation>每步的序列数（B）</translation>
    </message>
    <message>
      <source>optimisation steps to run</source>
      <translation>要运行的优化步数</translation>
    </message>
    <message>
      <source>seed of the weights and the data</source>
      <translation>权重和数据的随机种子</translation>
    </message>
    <message>
      <source>precision: float32, float64</source>
      <translation>精度：float32、float64</translation>
    </message>
    <message>
      <source>initial forget-gate bias (LSTM family)</source>
      <translation>遗忘门偏置的初始值（LSTM 系列）</translation>
    </message>
    <message>
      <source>how the recurrent weights W_hh start: uniform, orthogonal, normal (uniform: PyTorch's default)</source>
      <translation>循环权重 W_hh 的初始方式：uniform、orthogonal、normal（uniform：PyTorch 的默认方式）</translation>
    </message>
    <message>
      <source>the factor on W_hh, above 0 and at most 10; above 1 an RNN's gradient can grow back through time</source>
      <translation>W_hh 的增益，大于 0 且至多为 10；大于 1 时 RNN 的梯度在随时间反向传播时可能越来越大</translation>
    </message>
    <message>
      <source>evaluate on the held-out set every N steps</source>
      <translation>每 N 步在留出集上评估一次</translation>
    </message>
    <message>
      <source>report at most every N steps</source>
      <translation>最多每 N 步报告一次</translation>
    </message>
    <message>
      <source>report at most this many times a second</source>
      <translation>每秒最多报告这么多次</translation>
    </message>
    <message>
      <source>end the run when the task's solved criterion is met</source>
      <translation>达到任务的学会标准时结束运行</translation>
    </message>
    <message>
      <source>every layer also reads the sequence backwards (a forward and a backward direction, their outputs joined); refused for the tasks that predict the next element</source>
      <translation>每一层也反向读序列（一个正向方向和一个反向方向，两者的输出拼接在一起）；预测下一个元素的任务拒绝此选项</translation>
    </message>
    <message>
      <source>output folder (default: runs/...)</source>
      <translation>输出文件夹（默认：runs/...）</translation>
    </message>
    <message>
      <source>replace the output folder if it exists</source>
      <translation>如果输出文件夹已存在则替换它</translation>
    </message>
    <message>
      <source>no progress bar</source>
      <translation>不显示进度条</translation>
    </message>
    <message>
      <source>Export a saved run (a .lstmrun file, or a folder made by lstm-studio train). safetensors, npz and onnx write the weights to the file --out; csv the history; png and svg every panel into the folder --out.</source>
      <translation>导出已保存的运行（.lstmrun 文件，或由 lstm-studio train 生成的文件夹）。safetensors、npz 和 onnx 将权重写入 --out 指定的文件；csv 写入历史记录；png 和 svg 将每个面板写入 --out 指定的文件夹。</translation>
    </message>
    <message>
      <source>a .lstmrun file or a run folder</source>
      <translation>.lstmrun 文件或运行文件夹</translation>
    </message>
    <message>
      <source>what to write: safetensors, npz or onnx (the weights) or csv (the history) into the file --out; png or svg (a picture of every panel) into the folder --out</source>
      <translation>要写入的内容：safetensors、npz 或 onnx（权重）或 csv（历史记录）写入 --out 指定的文件；png 或 svg（每个面板一张图片）写入 --out 指定的文件夹</translation>
    </message>
    <message>
      <source>the file to write, or the folder for the pictures</source>
      <translation>要写入的文件，或存放图片的文件夹</translation>
    </message>
    <message>
      <source>width of the PNG pictures (default 1600)</source>
      <translation>PNG 图片的宽度（默认 1600）</translation>
    </message>
    <message>
      <source>CELL</source>
      <translation>单元</translation>
    </message>
    <message>
      <source>HIDDEN_SIZE</source>
      <translation>隐藏单元数</translation>
    </message>
    <message>
      <source>NUM_LAYERS</source>
      <translation>层数</translation>
    </message>
    <message>
      <source>OPTIMIZER</source>
      <translation>优化器</translation>
    </message>
    <message>
      <source>LR</source>
      <translation>学习率</translation>
    </message>
    <message>
      <source>MOMENTUM</source>
      <translation>动量</translation>
    </message>
    <message>
      <source>CLIP</source>
      <translation>裁剪阈值</translation>
    </message>
    <message>
      <source>K</source>
      <translation>K</translation>
    </message>
    <message>
      <source>BATCH_SIZE</source>
      <translation>批大小</translation>
    </message>
    <message>
      <source>STEPS</source>
      <translation>步数</translation>
    </message>
    <message>
      <source>SEED</source>
      <translation>随机种子</translation>
    </message>
    <message>
      <source>DTYPE</source>
      <translation>精度</translation>
    </message>
    <message>
      <source>FORGET_BIAS</source>
      <translation>偏置</translation>
    </message>
    <message>
      <source>INIT</source>
      <translation>初始化</translation>
    </message>
    <message>
      <source>GAIN</source>
      <translation>增益</translation>
    </message>
    <message>
      <source>EVAL_EVERY</source>
      <translation>步数</translation>
    </message>
    <message>
      <source>SNAPSHOT_EVERY</source>
      <translation>步数</translation>
    </message>
    <message>
      <source>SNAPSHOT_HZ</source>
      <translation>次数</translation>
    </message>
    <message>
      <source>int</source>
      <translation>整数</translation>
    </message>
    <message>
      <source>float</source>
      <translation>浮点数</translation>
    </message>
    <message>
      <source>command</source>
      <translation>命令</translation>
    </message>
    <message>
      <source>List every task: what it teaches, its parameters (set them with lstm-studio train --param NAME=VALUE) and its preset.</source>
      <translation>列出所有任务：每个任务教什么、它的参数（用 lstm-studio train --param 名称=值 设置）以及它的预设。</translation>
    </message>
    <message>
      <source>TASK</source>
      <translation>任务</translation>
    </message>
    <message>
      <source>NAME=VALUE</source>
      <translation>名称=值</translation>
    </message>
    <message>
      <source>FILE.json</source>
      <translation>文件.json</translation>
    </message>
    <message>
      <source>DIR</source>
      <translation>文件夹</translation>
    </message>
    <message>
      <source>RUN</source>
      <translation>运行</translation>
    </message>
    <message>
      <source>FORMAT</source>
      <translation>格式</translation>
    </message>
    <message>
      <source>PATH</source>
      <translation>路径</translation>
    </message>
    <message>
      <source>WIDTH</source>
      <translation>宽度</translation>
    </message>
  </context>
  <context>
    <name>cells</name>
    <message>
      <source>Plain (Elman) RNN</source>
      <translation>普通（Elman）RNN</translation>
    </message>
    <message>
      <source>Vanilla RNN</source>
      <translation>普通 RNN</translation>
    </message>
    <message>
      <source>hₜ = tanh(W xₜ + U hₜ₋₁ + b): no gates</source>
      <translation>hₜ = tanh(W xₜ + U hₜ₋₁ + b)：没有门</translation>
    </message>
    <message>
      <source>RNN</source>
      <translation>RNN</translation>
    </message>
    <message>
      <source>a: pre-activation (h = tanh a)</source>
      <translation>a：激活前的值（h = tanh a）</translation>
    </message>
    <message>
      <source>The pre-activation: the weighted inputs and biases, summed</source>
      <translation>激活前的值：加权输入与偏置之和</translation>
    </message>
    <message>
      <source>h: hidden state (the memory and the output)</source>
      <translation>h：隐藏状态（既是记忆也是输出）</translation>
    </message>
    <message>
      <source>The new hidden state, this layer's output</source>
      <translation>新的隐藏状态，即本层的输出</translation>
    </message>
    <message>
      <source>How much the loss at τ changes with h at this step: the part from above (the head at τ, or the layer above) plus what the next step sent back</source>
      <translation>τ 时刻的损失随这一步的 h 变化多少：来自上方的部分（τ 时刻的输出层，或上一层）加上下一步传回的部分</translation>
    </message>
    <message>
      <source>The δ of the gate's pre-activation (its weighted input): the δ that reaches the gate times the activation's slope</source>
      <translation>门的预激活（加权输入）的误差项：到达该门的 δ 乘以激活函数的斜率</translation>
    </message>
    <message>
      <source>What this step sends back to the previous hidden state, through the recurrent weights</source>
      <translation>这一步经由循环权重传回上一步隐藏状态的量</translation>
    </message>
    <message>
      <source>Through the recurrent weights: a sum over every gate unit of the layer</source>
      <translation>经由循环权重：对本层每个门单元求和</translation>
    </message>
    <message>
      <source>LSTM</source>
      <translation>LSTM</translation>
    </message>
    <message>
      <source>input, forget and output gates guard a cell state cₜ</source>
      <translation>输入门、遗忘门和输出门守护单元状态 cₜ</translation>
    </message>
    <message>
      <source>The blocks are stacked in this order: weight_ih holds {blocks} one under the other ({G}H rows); weight_hh, bias_ih and bias_hh likewise.</source>
      <translation>各块按以下顺序堆叠：weight_ih 将 {blocks} 上下依次排列（共 {G}H 行）；weight_hh、bias_ih 和 bias_hh 同理。</translation>
    </message>
    <message>
      <source>i: input gate</source>
      <translation>i：输入门</translation>
    </message>
    <message>
      <source>Input gate: how much of the candidate g is written</source>
      <translation>输入门：候选值 g 写入多少</translation>
    </message>
    <message>
      <source>f: forget gate</source>
      <translation>f：遗忘门</translation>
    </message>
    <message>
      <source>Forget gate: the share of the old cell state kept</source>
      <translation>遗忘门：旧单元状态保留的比例</translation>
    </message>
    <message>
      <source>g: candidate</source>
      <translation>g：候选值</translation>
    </message>
    <message>
      <source>Candidate: what could be written into the cell</source>
      <translation>候选值：可能写入单元的内容</translation>
    </message>
    <message>
      <source>o: output gate</source>
      <translation>o：输出门</translation>
    </message>
    <message>
      <source>Output gate: how much of the cell shows in h</source>
      <translation>输出门：单元状态有多少体现在 h 中</translation>
    </message>
    <message>
      <source>What is kept of the old cell state</source>
      <translation>旧单元状态中保留下来的部分</translation>
    </message>
    <message>
      <source>What is written into the cell</source>
      <translation>写入单元的部分</translation>
    </message>
    <message>
      <source>c: cell state (the long-term memory)</source>
      <translation>c：单元状态（长期记忆）</translation>
    </message>
    <message>
      <source>The new cell state, the long-term memory</source>
      <translation>新的单元状态，即长期记忆</translation>
    </message>
    <message>
      <source>The cell state squashed to −1 … 1</source>
      <translation>压缩到 −1 … 1 的单元状态</translation>
    </message>
    <message>
      <source>h: hidden state (what the layer outputs)</source>
      <translation>h：隐藏状态（该层的输出）</translation>
    </message>
    <message>
      <source>How much the loss at τ changes with the cell state: what the next step sent back plus the path through h</source>
      <translation>τ 时刻的损失随单元状态变化多少：下一步传回的部分加上经由 h 的路径</translation>
    </message>
    <message>
      <source>What this step sends back to the previous cell state: the cell path, one factor f per step</source>
      <translation>这一步传回上一步单元状态的量：单元状态通路，每步乘一个因子 f</translation>
    </message>
    <message>
      <source>What this step sends back to the previous hidden state: each gate's δa goes back through its rows of W_hh (each term a sum over the layer's units)</source>
      <translation>这一步传回上一步隐藏状态的量：每个门的 δa 经由它在 W_hh 中的那几行传回（每一项都是对本层所有单元求和）</translation>
    </message>
    <message>
      <source>GRU (gated recurrent unit)</source>
      <translation>GRU（门控循环单元）</translation>
    </message>
    <message>
      <source>GRU</source>
      <translation>GRU</translation>
    </message>
    <message>
      <source>reset and update gates; no separate cell state</source>
      <translation>重置门和更新门；没有单独的单元状态</translation>
    </message>
    <message>
      <source>This is PyTorch's form, h&lt;sub&gt;t&lt;/sub&gt; = (1 − z&lt;sub&gt;t&lt;/sub&gt;) ⊙ n&lt;sub&gt;t&lt;/sub&gt; + z&lt;sub&gt;t&lt;/sub&gt; ⊙ h&lt;sub&gt;t−1&lt;/sub&gt;: z&lt;sub&gt;t&lt;/sub&gt; is the share of the old state that is &lt;i&gt;kept&lt;/i&gt;. The tutorials write h&lt;sub&gt;t&lt;/sub&gt; = (1 − z&lt;sub&gt;t&lt;/sub&gt;) h&lt;sub&gt;t−1&lt;/sub&gt; + z&lt;sub&gt;t&lt;/sub&gt; h̃&lt;sub&gt;t&lt;/sub&gt;, where z&lt;sub&gt;t&lt;/sub&gt; is the share of the new candidate h̃&lt;sub&gt;t&lt;/sub&gt; (our n&lt;sub&gt;t&lt;/sub&gt;): the roles of z and 1 − z are swapped, PyTorch's z is the tutorial's 1 − z. The reset gate also acts after the matrix product, on W&lt;sub&gt;hn&lt;/sub&gt; h&lt;sub&gt;t−1&lt;/sub&gt; + b&lt;sub&gt;hn&lt;/sub&gt; (Cho et al. apply it to h&lt;sub&gt;t−1&lt;/sub&gt; first).</source>
      <translation>这是 PyTorch 的形式，h&lt;sub&gt;t&lt;/sub&gt; = (1 − z&lt;sub&gt;t&lt;/sub&gt;) ⊙ n&lt;sub&gt;t&lt;/sub&gt; + z&lt;sub&gt;t&lt;/sub&gt; ⊙ h&lt;sub&gt;t−1&lt;/sub&gt;：z&lt;sub&gt;t&lt;/sub&gt; 是旧状态中被&lt;i&gt;保留&lt;/i&gt;的比例。教程写作 h&lt;sub&gt;t&lt;/sub&gt; = (1 − z&lt;sub&gt;t&lt;/sub&gt;) h&lt;sub&gt;t−1&lt;/sub&gt; + z&lt;sub&gt;t&lt;/sub&gt; h̃&lt;sub&gt;t&lt;/sub&gt;，其中 z&lt;sub&gt;t&lt;/sub&gt; 是新候选值 h̃&lt;sub&gt;t&lt;/sub&gt;（即这里的 n&lt;sub&gt;t&lt;/sub&gt;）所占的比例：z 与 1 − z 的角色互换了，PyTorch 的 z 就是教程中的 1 − z。此外，重置门作用在矩阵乘积之后，即作用于 W&lt;sub&gt;hn&lt;/sub&gt; h&lt;sub&gt;t−1&lt;/sub&gt; + b&lt;sub&gt;hn&lt;/sub&gt;（Cho 等人则先把它作用于 h&lt;sub&gt;t−1&lt;/sub&gt;）。</translation>
    </message>
    <message>
      <source>r: reset gate</source>
      <translation>r：重置门</translation>
    </message>
    <message>
      <source>Reset gate: how much of the old state the candidate sees</source>
      <translation>重置门：候选值能看到多少旧状态</translation>
    </message>
    <message>
      <source>z: update gate (share of hₜ₋₁ kept)</source>
      <translation>z：更新门（hₜ₋₁ 被保留的比例）</translation>
    </message>
    <message>
      <source>Update gate: the share of the old state kept</source>
      <translation>更新门：旧状态保留的比例</translation>
    </message>
    <message>
      <source>n: new-state candidate</source>
      <translation>n：新状态的候选值</translation>
    </message>
    <message>
      <source>Candidate: the new state proposed</source>
      <translation>候选值：提议的新状态</translation>
    </message>
    <message>
      <source>What is kept of the old state</source>
      <translation>旧状态中保留下来的部分</translation>
    </message>
    <message>
      <source>The share given to the candidate</source>
      <translation>分配给候选值的比例</translation>
    </message>
    <message>
      <source>What the candidate contributes</source>
      <translation>候选值贡献的部分</translation>
    </message>
    <message>
      <source>The reset gate scales the old state inside the candidate</source>
      <translation>重置门在候选值内部缩放旧状态</translation>
    </message>
    <message>
      <source>The candidate's δ on its recurrent side: the reset gate scales it</source>
      <translation>候选值在循环一侧的 δ：由重置门缩放</translation>
    </message>
    <message>
      <source>What this step sends back to the previous hidden state: through the recurrent weights, and straight through the share z kept</source>
      <translation>这一步传回上一步隐藏状态的量：经由循环权重，以及直接经由保留的比例 z</translation>
    </message>
    <message>
      <source>LSTM with peephole connections</source>
      <translation>带窥视孔连接的 LSTM</translation>
    </message>
    <message>
      <source>Peephole LSTM</source>
      <translation>窥视孔 LSTM</translation>
    </message>
    <message>
      <source>an LSTM whose gates also look at the cell state</source>
      <translation>门还会直接查看单元状态的 LSTM</translation>
    </message>
    <message>
      <source>Peephole</source>
      <translation>窥视孔</translation>
    </message>
    <message>
      <source>The peepholes let the gates see the cell state: w&lt;sub&gt;ci&lt;/sub&gt;, w&lt;sub&gt;cf&lt;/sub&gt; and w&lt;sub&gt;co&lt;/sub&gt; are diagonal weights, one number per unit (a vector of H, multiplied element-wise), stored together as weight_ch (3H values: i, f, o). i and f see c&lt;sub&gt;t−1&lt;/sub&gt;; o sees the new c&lt;sub&gt;t&lt;/sub&gt;, so it is computed after it.</source>
      <translation>窥视孔连接让各个门能看到单元状态：w&lt;sub&gt;ci&lt;/sub&gt;、w&lt;sub&gt;cf&lt;/sub&gt; 和 w&lt;sub&gt;co&lt;/sub&gt; 是对角权重，每个单元一个数（长度为 H 的向量，逐元素相乘），合在一起存储为 weight_ch（3H 个值：i、f、o）。i 和 f 看到的是 c&lt;sub&gt;t−1&lt;/sub&gt;；o 看到的是新的 c&lt;sub&gt;t&lt;/sub&gt;，因此 o 要在它之后才计算。</translation>
    </message>
    <message>
      <source>LSTM with coupled input and forget gates (CIFG)</source>
      <translation>耦合输入遗忘门 LSTM（CIFG）</translation>
    </message>
    <message>
      <source>Coupled LSTM (CIFG)</source>
      <translation>耦合 LSTM（CIFG）</translation>
    </message>
    <message>
      <source>an LSTM that forgets exactly what it writes: i = 1 - f</source>
      <translation>忘掉多少就写入多少的 LSTM：i = 1 - f</translation>
    </message>
    <message>
      <source>CIFG</source>
      <translation>CIFG</translation>
    </message>
    <message>
      <source>The input gate is not learned: i&lt;sub&gt;t&lt;/sub&gt; = 1 − f&lt;sub&gt;t&lt;/sub&gt;, so whatever the cell forgets it replaces by the same share of the candidate. That saves one of the four blocks: 3 gate blocks (f, g, o) instead of 4.</source>
      <translation>输入门不是学习得到的：i&lt;sub&gt;t&lt;/sub&gt; = 1 − f&lt;sub&gt;t&lt;/sub&gt;，因此单元遗忘了多少，就用同样比例的候选值补上。这省去了四个块中的一个：只有 3 个门块（f、g、o），而不是 4 个。</translation>
    </message>
    <message>
      <source>i: input gate (= 1 − f, coupled)</source>
      <translation>i：输入门（= 1 − f，耦合）</translation>
    </message>
    <message>
      <source>Input gate: how much of the candidate is written (here 1 − f)</source>
      <translation>输入门：候选值写入多少（此处为 1 − f）</translation>
    </message>
  </context>
  <context>
    <name>argparse</name>
    <message>
      <source>usage: </source>
      <translation>用法：</translation>
    </message>
    <message>
      <source>positional arguments</source>
      <translation>位置参数</translation>
    </message>
    <message>
      <source>options</source>
      <translation>选项</translation>
    </message>
    <message>
      <source>show this help message and exit</source>
      <translation>显示此帮助信息并退出</translation>
    </message>
    <message>
      <source>show program's version number and exit</source>
      <translation>显示程序的版本号并退出</translation>
    </message>
    <message>
      <source>the following arguments are required: %s</source>
      <translation>缺少以下必需的参数：%s</translation>
    </message>
    <message>
      <source>invalid choice: %(value)r (choose from %(choices)s)</source>
      <translation>无效的选择：%(value)r（可选：%(choices)s）</translation>
    </message>
    <message>
      <source>unrecognized arguments: %s</source>
      <translation>无法识别的参数：%s</translation>
    </message>
    <message>
      <source>expected one argument</source>
      <translation>需要一个参数</translation>
    </message>
    <message>
      <source>argument %(argument_name)s: %(message)s</source>
      <translation>参数 %(argument_name)s：%(message)s</translation>
    </message>
    <message>
      <source>invalid %(type)s value: %(value)r</source>
      <translation>无效的%(type)s值：%(value)r</translation>
    </message>
    <message>
      <source>ambiguous option: %(option)s could match %(matches)s</source>
      <translation>有歧义的选项：%(option)s 可以匹配 %(matches)s</translation>
    </message>
    <message>
      <source>ignored explicit argument %r</source>
      <translation>此选项不带值，但给出了 %r</translation>
    </message>
  </context>
  <context>
    <name>app</name>
    <message>
      <source>LSTM Studio: no display found (neither DISPLAY nor WAYLAND_DISPLAY is set), so the window cannot open.
Start it in a desktop session, or without a screen through a virtual one: xvfb-run -a lstm-studio
The command line needs no display: lstm-studio --help</source>
      <translation>LSTM Studio：找不到显示器（DISPLAY 和 WAYLAND_DISPLAY 都没有设置），无法打开窗口。
请在桌面会话中启动它；没有屏幕时，可以借助虚拟屏幕启动：xvfb-run -a lstm-studio
命令行不需要显示器：lstm-studio --help</translation>
    </message>
  </context>
  <context>
    <name>cli-output</name>
    <message>
      <source>{prog}: error: {message}</source>
      <translation>{prog}：错误：{message}</translation>
    </message>
    <message>
      <source>stopped by {signal} at step {step}</source>
      <translation>在第 {step} 步被 {signal} 停止</translation>
    </message>
    <message>
      <source>{task} | {cell} H={hidden} L={layers} | {optimizer} lr={lr:g} batch={batch} | {steps} steps, seed {seed}</source>
      <translation>{task} | {cell} H={hidden} L={layers} | {optimizer} 学习率={lr:g} 批大小={batch} | {steps} 步，随机种子 {seed}</translation>
    </message>
    <message>
      <source>held-out at step {step}: {metrics}</source>
      <translation>第 {step} 步的留出集：{metrics}</translation>
    </message>
    <message>
      <source>wrote {folder}/: {files}</source>
      <translation>已写入 {folder}/：{files}</translation>
    </message>
    <message>
      <source>to avoid this: lower the learning rate (--lr, now {lr:g}) or {clipping}, then train again</source>
      <translation>避免发散：降低学习率（--lr，当前为 {lr:g}）或{clipping}，然后重新训练</translation>
    </message>
    <message>
      <source>{prog}: error: {message} (see {prog} --help)</source>
      <translation>{prog}：错误：{message}（详见 {prog} --help）</translation>
    </message>
    <message>
      <source>stopped with Ctrl+C at step {step}</source>
      <translation>在第 {step} 步用 Ctrl+C 停止</translation>
    </message>
    <message>
      <source>step {step}/{total} [{bar}] {percent:3.0f}%  train loss {loss:.4g}  held-out {metric} {value:.4g}  {rate:,.0f} steps/s</source>
      <translation>第 {step}/{total} 步 [{bar}] {percent:3.0f}%  训练损失 {loss:.4g}  留出集 {metric} {value:.4g}  {rate:,.0f} 步/秒</translation>
    </message>
    <message>
      <source>{seconds:.2f} s</source>
      <translation>{seconds:.2f} 秒</translation>
    </message>
    <message>
      <source>{outcome} in {took} ({rate:,.0f} steps/s)</source>
      <translation>{outcome}，用时 {took}（{rate:,.0f} 步/秒）</translation>
    </message>
    <message>
      <source>{outcome} in {took}</source>
      <translation>{outcome}，用时 {took}</translation>
    </message>
    <message>
      <source>held-out bits per character &lt;= {bits:.3g}</source>
      <translation>留出集每字符比特数不超过 {bits:.3g}</translation>
    </message>
    <message>
      <source>solved: yes ({criterion})</source>
      <translation>是否学会：是（标准：{criterion}）</translation>
    </message>
    <message>
      <source>solved: no ({criterion})</source>
      <translation>是否学会：否（标准：{criterion}）</translation>
    </message>
    <message>
      <source>the model writes (temperature {temperature}):</source>
      <translation>模型写出的文字（温度 {temperature}）：</translation>
    </message>
    <message>
      <source>lower the gradient clipping (--clip, now {clip:g})</source>
      <translation>降低梯度裁剪阈值（--clip，当前为 {clip:g}）</translation>
    </message>
    <message>
      <source>turn on gradient clipping (--clip, now off; try --clip 1)</source>
      <translation>开启梯度裁剪（--clip，当前关闭；可以先试 --clip 1）</translation>
    </message>
    <message>
      <source>{heading}:</source>
      <translation>{heading}：</translation>
    </message>
    <message>
      <source>--out {out} is the current folder or holds it; name a new folder</source>
      <translation>--out {out} 是当前文件夹或包含当前文件夹；请指定一个新文件夹</translation>
    </message>
    <message>
      <source>{prog}: error: could not write the run to {target}: {why}</source>
      <translation>{prog}：错误：无法将运行写入 {target}：{why}</translation>
    </message>
    <message>
      <source>, </source>
      <translation>、</translation>
    </message>
    <message>
      <source>--out is empty; name the file to write, such as {example}</source>
      <translation>--out 为空；请指定要写入的文件，例如 {example}</translation>
    </message>
    <message>
      <source>lstm-studio: internal error (exit code {code}); the traceback above says where</source>
      <translation>lstm-studio：内部错误（退出码 {code}）；上面的回溯信息指出了出错位置</translation>
    </message>
    <message>
      <source>--param wants NAME=VALUE, got {item!r}</source>
      <translation>--param 的格式应为 NAME=VALUE，实际为 {item!r}</translation>
    </message>
    <message>
      <source>--out {out}: {up} is a file, not a folder</source>
      <translation>--out {out}：{up} 是文件，不是文件夹</translation>
    </message>
    <message>
      <source>--out {out} exists and is not empty; add --overwrite to replace it</source>
      <translation>--out {out} 已存在且不为空；加上 --overwrite 可替换它</translation>
    </message>
    <message>
      <source>--out {out} holds files that are not from a run ({names}); --overwrite only replaces an earlier run</source>
      <translation>--out {out} 中有不属于运行输出的文件（{names}）；--overwrite 只会替换之前某次运行的输出</translation>
    </message>
    <message>
      <source>cannot write into {folder}: {why}</source>
      <translation>无法写入 {folder}：{why}</translation>
    </message>
    <message>
      <source>{time} left</source>
      <translation>剩余 {time}</translation>
    </message>
    <message>
      <source>--out is empty; name the folder for the run, such as {example}</source>
      <translation>--out 为空；请指定存放这次运行的文件夹，例如 {example}</translation>
    </message>
    <message>
      <source>bidirectional {cell}</source>
      <translation>双向 {cell}</translation>
    </message>
    <message>
      <source>{run} has no run.lstmrun (a folder made by lstm-studio train holds one)</source>
      <translation>{run} 中没有 run.lstmrun（由 lstm-studio train 生成的文件夹里都有一个）</translation>
    </message>
    <message>
      <source>--width must be 16 .. {most} pixels, got {width}</source>
      <translation>--width 必须在 16 .. {most} 像素之间，实际为 {width}</translation>
    </message>
    <message>
      <source>cannot write {path}: {why}</source>
      <translation>无法写入 {path}：{why}</translation>
    </message>
    <message>
      <source>--out is empty; name the folder for the pictures, such as {example}</source>
      <translation>--out 为空；请指定存放图片的文件夹，例如 {example}</translation>
    </message>
    <message>
      <source>--out {out} names a folder; the {format} export writes one file: name the file, such as {example}</source>
      <translation>--out {out} 指的是文件夹；{format} 导出只写一个文件：请指定文件名，例如 {example}</translation>
    </message>
    <message>
      <source>lstm-studio {command}: there is not enough memory for this; use smaller sizes (hidden units, layers, batch) or a smaller file, or close other programs</source>
      <translation>lstm-studio {command}：内存不足；请减小规模（隐藏单元数、层数、批大小）或改用较小的文件，或关闭其他程序</translation>
    </message>
    <message>
      <source>cannot read the config {path}: {why}</source>
      <translation>无法读取配置文件 {path}：{why}</translation>
    </message>
    <message>
      <source>--out {out} is a file; the {format} export writes a picture of every panel into a folder: name a folder, or a name that does not exist yet</source>
      <translation>--out {out} 是一个文件；{format} 导出会把每个面板各画成一张图片，放进一个文件夹：请指定一个文件夹，或一个尚不存在的名称</translation>
    </message>
    <message>
      <source>it is not UTF-8 text</source>
      <translation>它不是 UTF-8 文本</translation>
    </message>
  </context>
  <context>
    <name>choices</name>
    <message>
      <source>task</source>
      <translation>任务</translation>
    </message>
    <message>
      <source>corpus</source>
      <translation>语料</translation>
    </message>
    <message>
      <source>{name} must be one of {choices}; got {value!r}</source>
      <translation>{name} 必须是以下之一：{choices}；实际为 {value!r}</translation>
    </message>
  </context>
  <context>
    <name>desktop</name>
    <message>
      <source>LSTM Studio is in the applications menu now, and .lstmrun files open in it:</source>
      <translation>LSTM Studio 已加入应用程序菜单，.lstmrun 文件会用它打开：</translation>
    </message>
    <message>
      <source>Removed from the applications menu:</source>
      <translation>已从应用程序菜单中移除：</translation>
    </message>
    <message>
      <source>usage: python -m lstm_studio.desktop [--uninstall]</source>
      <translation>用法：python -m lstm_studio.desktop [--uninstall]</translation>
    </message>
    <message>
      <source>LSTM Studio was not added to the menu: {reason} ({path})</source>
      <translation>LSTM Studio 未能加入菜单：{reason}（{path}）</translation>
    </message>
  </context>
  <context>
    <name>atomic</name>
    <message>
      <source>cannot save {name!r}: no free temporary file name in {folder}</source>
      <translation>无法保存 {name!r}：{folder} 中没有可用的临时文件名</translation>
    </message>
    <message>
      <source>cannot save {path!r}: it is a folder</source>
      <translation>无法保存 {path!r}：这是一个文件夹</translation>
    </message>
    <message>
      <source>{folder} is a file, not a folder</source>
      <translation>{folder} 是文件，不是文件夹</translation>
    </message>
    <message>
      <source>cannot create {name} in the folder {folder} ({reason})</source>
      <translation>无法在文件夹 {folder} 中创建 {name}（{reason}）</translation>
    </message>
  </context>
  <context>
    <name>npz</name>
    <message>
      <source>{what} has dtype {dtype}; expected float16, float32, float64 or an integer type</source>
      <translation>{what} 的数据类型是 {dtype}；应为 float16、float32、float64 或整数类型</translation>
    </message>
    <message>
      <source>{n} byte</source>
      <translation>{n} 字节</translation>
    </message>
    <message>
      <source>{n} bytes</source>
      <translation>{n} 字节</translation>
    </message>
    <message>
      <source>{what} is an object array (it would need pickle)</source>
      <translation>{what} 是对象数组（读取它需要 pickle）</translation>
    </message>
    <message>
      <source>{what} has the structured dtype {dtype}; expected float16, float32, float64 or an integer type</source>
      <translation>{what} 的数据类型是结构化类型 {dtype}；应为 float16、float32、float64 或整数类型</translation>
    </message>
    <message>
      <source>array {name!r}</source>
      <translation>数组 {name!r}</translation>
    </message>
    <message>
      <source>cannot read npz file {path!r}: {problem}</source>
      <translation>无法读取 npz 文件 {path!r}：{problem}</translation>
    </message>
    <message>
      <source>state must be a mapping of names to arrays, not a {kind}</source>
      <translation>state 必须是从名称到数组的映射，而不是 {kind}</translation>
    </message>
    <message>
      <source>config must be a TrainConfig or None, not a {kind}</source>
      <translation>config 必须是 TrainConfig 或 None，而不是 {kind}</translation>
    </message>
    <message>
      <source>the file changed size while being read</source>
      <translation>读取期间文件大小发生了变化</translation>
    </message>
    <message>
      <source>cannot read npz file {path!r}: it is a folder</source>
      <translation>无法读取 npz 文件 {path!r}：这是一个文件夹</translation>
    </message>
    <message>
      <source>not a regular file</source>
      <translation>不是普通文件</translation>
    </message>
    <message>
      <source>the file is {size} bytes long, more than the {limit} byte limit for a weights file</source>
      <translation>文件大小为 {size} 字节，超过了权重文件 {limit} 字节的上限</translation>
    </message>
    <message>
      <source>not an .npz file (no zip directory found: truncated, or another kind of file)</source>
      <translation>不是 .npz 文件（找不到 zip 目录：文件被截断，或是其他类型的文件）</translation>
    </message>
    <message>
      <source>the zip has {count} members, more than the {limit} limit</source>
      <translation>zip 中有 {count} 个成员，超过了 {limit} 个的上限</translation>
    </message>
    <message>
      <source>{what} has an impossible shape {shape}</source>
      <translation>{what} 的形状 {shape} 不可能成立</translation>
    </message>
    <message>
      <source>{what} has shape {shape} of {dtype}, which needs {needed}, but the member holds {held}</source>
      <translation>{what} 的形状为 {shape}、数据类型为 {dtype}，需要 {needed}，而该成员中有 {held} 字节</translation>
    </message>
    <message>
      <source>{what} contains NaN or Inf</source>
      <translation>{what} 含有 NaN 或 Inf</translation>
    </message>
    <message>
      <source>array name {name!r} is not allowed: use letters, digits, '_', '.' and '-' (at most 200, not starting with '__')</source>
      <translation>不允许使用数组名 {name!r}：请只用字母、数字、'_'、'.' 和 '-'（最多 200 个字符，且不能以 '__' 开头）</translation>
    </message>
    <message>
      <source>{name!r} is a {kind}, not a NumPy array (use numpy.asarray)</source>
      <translation>{name!r} 是 {kind}，不是 NumPy 数组（请用 numpy.asarray）</translation>
    </message>
    <message>
      <source>the file is damaged ({kind}: {detail})</source>
      <translation>文件已损坏（{kind}：{detail}）</translation>
    </message>
    <message>
      <source>not a readable .npz file ({kind}: {detail})</source>
      <translation>不是可读取的 .npz 文件（{kind}：{detail}）</translation>
    </message>
    <message>
      <source>the zip directory should list {listed} member but {found} were found (the directory is damaged)</source>
      <translation>zip 目录应列出 {listed} 个成员，实际找到 {found} 个（目录已损坏）</translation>
    </message>
    <message>
      <source>the zip directory should list {listed} members but {found} were found (the directory is damaged)</source>
      <translation>zip 目录应列出 {listed} 个成员，实际找到 {found} 个（目录已损坏）</translation>
    </message>
    <message>
      <source>member {member!r} is not a .npy array (is this an .npz of weights?)</source>
      <translation>成员 {member!r} 不是 .npy 数组（这是保存权重的 .npz 吗？）</translation>
    </message>
    <message>
      <source>member {member!r} has a suspicious name: expected letters, digits, '_', '.' and '-' (no folders, not starting with '__')</source>
      <translation>成员 {member!r} 的名称可疑：应只含字母、数字、'_'、'.' 和 '-'（不含文件夹，且不以 '__' 开头）</translation>
    </message>
    <message>
      <source>the zip holds {member!r} twice</source>
      <translation>zip 中 {member!r} 出现了两次</translation>
    </message>
    <message>
      <source>member {member!r} is encrypted</source>
      <translation>成员 {member!r} 已加密</translation>
    </message>
    <message>
      <source>member {member!r} uses compression method {method}; only stored and deflated members are read</source>
      <translation>成员 {member!r} 使用压缩方法 {method}；只能读取未压缩或以 deflate 压缩的成员</translation>
    </message>
    <message>
      <source>member {member!r} declares {declared} ({packed} packed, at offset {offset}) in a {size} byte file: the zip directory is damaged</source>
      <translation>成员 {member!r} 在一个 {size} 字节的文件中声明了 {declared} 的大小（压缩后 {packed} 字节，位于偏移 {offset} 处）：zip 目录已损坏</translation>
    </message>
    <message>
      <source>member {member!r} is stored uncompressed but declares {declared} bytes and {packed} packed bytes</source>
      <translation>成员 {member!r} 以未压缩方式存储，却声明原始大小为 {declared} 字节、压缩后为 {packed} 字节</translation>
    </message>
    <message>
      <source>member {member!r} declares {declared} bytes from {packed} compressed bytes, more than deflate can produce (a zip bomb?)</source>
      <translation>成员 {member!r} 声明由 {packed} 字节的压缩数据解压出 {declared} 字节，超出了 deflate 所能达到的极限（是 zip 炸弹吗？）</translation>
    </message>
    <message>
      <source>the members declare more than {limit} bytes together</source>
      <translation>各成员声明的总大小超过 {limit} 字节</translation>
    </message>
    <message>
      <source>{what} has a damaged .npy header ({kind}: {detail})</source>
      <translation>{what} 的 .npy 文件头已损坏（{kind}：{detail}）</translation>
    </message>
    <message>
      <source>{key} must be a 0-d unicode array, got dtype {dtype} shape {shape}</source>
      <translation>{key} 必须是 0 维 Unicode 数组，实际数据类型为 {dtype}，形状为 {shape}</translation>
    </message>
    <message>
      <source>{what} has shape {shape}, which NumPy rejects: {detail}</source>
      <translation>{what} 的形状是 {shape}，NumPy 无法接受：{detail}</translation>
    </message>
    <message>
      <source>{key} is not a valid TrainConfig: {detail}</source>
      <translation>{key} 不是有效的 TrainConfig：{detail}</translation>
    </message>
    <message>
      <source>member {member!r} declares {declared} bytes from {packed} compressed bytes: the compressed members would unpack to {total} bytes, more than the {limit} byte limit (a zip bomb? weights saved with np.savez are not compressed)</source>
      <translation>成员 {member!r} 声称由 {packed} 字节压缩数据解出 {declared} 字节：压缩成员解压后共 {total} 字节，超过 {limit} 字节的上限（是压缩炸弹吗？用 np.savez 保存的权重不压缩）</translation>
    </message>
    <message>
      <source>{what} is in .npy format version {version}, which is not read here</source>
      <translation>{what} 使用 .npy 格式版本 {version}，本程序无法读取该版本</translation>
    </message>
  </context>
  <context>
    <name>onnx</name>
    <message>
      <source>{name} {value!r} (model: {own!r})</source>
      <translation>{name} 为 {value!r}（模型为 {own!r}）</translation>
    </message>
    <message>
      <source>model must be a SequenceModel, not a {kind}</source>
      <translation>model 必须是 SequenceModel，而不是 {kind}</translation>
    </message>
    <message>
      <source>cell {cell!r} has no ONNX mapping</source>
      <translation>单元类型 {cell!r} 没有对应的 ONNX 算子</translation>
    </message>
    <message>
      <source>opset must be an integer, got {opset!r}</source>
      <translation>opset 必须是整数，实际为 {opset!r}</translation>
    </message>
    <message>
      <source>opset must be in {low} .. {high}, got {opset}</source>
      <translation>opset 必须在 {low} .. {high} 之间，实际为 {opset}</translation>
    </message>
    <message>
      <source>dtype must be 'float32', got {dtype!r} (onnxruntime runs LSTM, GRU and RNN in float32 only; a float64 model is exported in float32)</source>
      <translation>dtype 必须是 'float32'，实际为 {dtype!r}（onnxruntime 只能以 float32 运行 LSTM、GRU 和 RNN；float64 模型会以 float32 导出）</translation>
    </message>
    <message>
      <source>config must be a TrainConfig or None, not a {kind}</source>
      <translation>config 必须是 TrainConfig 或 None，而不是 {kind}</translation>
    </message>
    <message>
      <source>config does not describe this model: {differences}</source>
      <translation>config 与此模型不符：{differences}</translation>
    </message>
    <message>
      <source>cannot export: {what} holds NaN, Inf or values too large for float32</source>
      <translation>无法导出：{what} 含有 NaN、Inf 或超出 float32 范围的数值</translation>
    </message>
    <message>
      <source>exporting to ONNX needs the onnx package: pip install onnx</source>
      <translation>导出为 ONNX 需要 onnx 包：pip install onnx</translation>
    </message>
  </context>
  <context>
    <name>runs</name>
    <message>
      <source>{sentence} (Detail: {detail})</source>
      <translation>{sentence}（详情：{detail}）</translation>
    </message>
    <message>
      <source>the run</source>
      <translation>该运行</translation>
    </message>
    <message>
      <source>{name} is empty (0 bytes): it holds no run.</source>
      <translation>{name} 是空文件（0 字节），里面没有运行。</translation>
    </message>
    <message>
      <source>{name} is an LSTM Studio run, but damaged or incomplete (cut short while copying or saving?): it cannot be opened.</source>
      <translation>{name} 是 LSTM Studio 运行文件，但已损坏或不完整（复制或保存时被截断了？），无法打开。</translation>
    </message>
    <message>
      <source>{name}: cannot be read ({why})</source>
      <translation>{name}：无法读取（{why}）</translation>
    </message>
    <message>
      <source>{name} is {gib:.1f} GiB: too large for a run file (at most 2 GiB)</source>
      <translation>{name} 大小为 {gib:.1f} GiB，作为运行文件太大（最多 2 GiB）</translation>
    </message>
    <message>
      <source>{name} is a safetensors file but not an LSTM Studio run (weights only? File &gt; Import weights loads them into the window's model)</source>
      <translation>{name} 是 safetensors 文件，但不是 LSTM Studio 运行文件（只含权重？可用“文件 &gt; 导入权重”把它载入窗口中的模型）</translation>
    </message>
    <message>
      <source>{name}: its format version {version!r} is not a number</source>
      <translation>{name}：其格式版本 {version!r} 不是数字</translation>
    </message>
    <message>
      <source>{name} was saved by a newer LSTM Studio (run format {version}; this one reads up to {known})</source>
      <translation>{name} 由更新版本的 LSTM Studio 保存（运行文件格式版本 {version}；本版本最多只能读取版本 {known}）</translation>
    </message>
    <message>
      <source>{name}: its description is not a JSON object</source>
      <translation>{name}：其描述不是 JSON 对象</translation>
    </message>
    <message>
      <source>{name}: its description lacks {keys}</source>
      <translation>{name}：其描述缺少 {keys}</translation>
    </message>
    <message>
      <source>{name}: its step {step} (evaluated at {eval_step}) is impossible: a run has 0 to {most} steps</source>
      <translation>{name}：其步数 {step}（评估于第 {eval_step} 步）不可能：一次运行有 0 到 {most} 步</translation>
    </message>
    <message>
      <source>{name}: step {step} or time {elapsed} is impossible</source>
      <translation>{name}：步数 {step} 或用时 {elapsed} 不可能成立</translation>
    </message>
    <message>
      <source>{name} is damaged or incomplete (cut short while copying or saving?): it cannot be opened.</source>
      <translation>{name} 已损坏或不完整（复制或保存时被截断了？），无法打开。</translation>
    </message>
    <message>
      <source>{name}: its description is damaged ({detail})</source>
      <translation>{name}：其描述已损坏（{detail}）</translation>
    </message>
    <message>
      <source>{name}: its description is damaged (nested too deeply)</source>
      <translation>{name}：其描述已损坏（嵌套层数过深）</translation>
    </message>
    <message>
      <source>it lacks {key}</source>
      <translation>缺少 {key}</translation>
    </message>
    <message>
      <source>{name} cannot be opened: {why}</source>
      <translation>无法打开 {name}：{why}</translation>
    </message>
    <message>
      <source>{name} is a damaged or incomplete safetensors file: it cannot be opened.</source>
      <translation>{name} 是已损坏或不完整的 safetensors 文件，无法打开。</translation>
    </message>
    <message>
      <source>{name} is not an LSTM Studio run file.</source>
      <translation>{name} 不是 LSTM Studio 运行文件。</translation>
    </message>
  </context>
  <context>
    <name>safetensors</name>
    <message>
      <source>a {type}</source>
      <translation>{type} 类型</translation>
    </message>
    <message>
      <source>the file ended early (was it changed while being read?)</source>
      <translation>文件提前结束（读取期间文件被修改了吗？）</translation>
    </message>
    <message>
      <source>tensor {name!r}</source>
      <translation>张量 {name!r}</translation>
    </message>
    <message>
      <source>{n} byte</source>
      <translation>{n} 字节</translation>
    </message>
    <message>
      <source>{n} bytes</source>
      <translation>{n} 字节</translation>
    </message>
    <message>
      <source>{name} is not valid JSON</source>
      <translation>{name} 不是有效的 JSON</translation>
    </message>
    <message>
      <source>dict</source>
      <translation>对象</translation>
    </message>
    <message>
      <source>list</source>
      <translation>数组</translation>
    </message>
    <message>
      <source>str</source>
      <translation>字符串</translation>
    </message>
    <message>
      <source>int</source>
      <translation>整数</translation>
    </message>
    <message>
      <source>float</source>
      <translation>浮点数</translation>
    </message>
    <message>
      <source>bool</source>
      <translation>布尔值</translation>
    </message>
    <message>
      <source>NoneType</source>
      <translation>null</translation>
    </message>
    <message>
      <source>tensors must be a mapping of names to arrays, not {kind}</source>
      <translation>tensors 必须是从名称到数组的映射，而不是 {kind}</translation>
    </message>
    <message>
      <source>tensor name {name!r}</source>
      <translation>张量名称 {name!r}</translation>
    </message>
    <message>
      <source>metadata must be a mapping of str to str, not {kind}</source>
      <translation>metadata 必须是从 str 到 str 的映射，而不是 {kind}</translation>
    </message>
    <message>
      <source>metadata key {key!r}</source>
      <translation>元数据的键 {key!r}</translation>
    </message>
    <message>
      <source>metadata {key!r}</source>
      <translation>元数据 {key!r}</translation>
    </message>
    <message>
      <source>not a regular file</source>
      <translation>不是普通文件</translation>
    </message>
    <message>
      <source>the file is {size} byte long, too short for a safetensors file</source>
      <translation>文件只有 {size} 字节，对 safetensors 文件来说太短</translation>
    </message>
    <message>
      <source>the file is {size} bytes long, too short for a safetensors file</source>
      <translation>文件只有 {size} 字节，对 safetensors 文件来说太短</translation>
    </message>
    <message>
      <source>the header length field says {n} bytes, more than the {limit} byte limit for a weights or run file (is this a safetensors file?)</source>
      <translation>文件头长度字段为 {n} 字节，超过了权重或运行文件 {limit} 字节的上限（这是 safetensors 文件吗？）</translation>
    </message>
    <message>
      <source>the header length field says {n} bytes, longer than the {rest} byte that follows it (the file is truncated, or not a safetensors file)</source>
      <translation>文件头长度字段为 {n} 字节，比其后的 {rest} 字节还长（文件被截断，或不是 safetensors 文件）</translation>
    </message>
    <message>
      <source>the header length field says {n} bytes, longer than the {rest} bytes that follow it (the file is truncated, or not a safetensors file)</source>
      <translation>文件头长度字段为 {n} 字节，比其后的 {rest} 字节还长（文件被截断，或不是 safetensors 文件）</translation>
    </message>
    <message>
      <source>the header lists {count:,} tensors, more than the {limit:,} a weights or run file can have here</source>
      <translation>文件头列出了 {count:,} 个张量，超过了权重或运行文件在这里最多可有的 {limit:,} 个</translation>
    </message>
    <message>
      <source>the header does not start with '{{' as the format requires</source>
      <translation>文件头没有按格式要求以 '{{' 开头</translation>
    </message>
    <message>
      <source>the header is a JSON {kind}, not an object</source>
      <translation>文件头是 JSON {kind}，不是对象</translation>
    </message>
    <message>
      <source>{key} is a JSON {kind}, not an object</source>
      <translation>{key} 是 JSON {kind}，不是对象</translation>
    </message>
    <message>
      <source>{what} is described by a JSON {kind}, not an object</source>
      <translation>{what} 的描述是 JSON {kind}，不是对象</translation>
    </message>
    <message>
      <source>{what} has a dtype that is not a string: {code!r}</source>
      <translation>{what} 的 dtype 不是字符串：{code!r}</translation>
    </message>
    <message>
      <source>{what} has dtype {code}, which is not supported here</source>
      <translation>{what} 的 dtype 是 {code}，本程序不支持该类型</translation>
    </message>
    <message>
      <source>{what} has an unknown dtype {code!r}</source>
      <translation>{what} 的 dtype {code!r} 未知</translation>
    </message>
    <message>
      <source>{what} has a shape that is not a list of non-negative integers: {shape!r}</source>
      <translation>{what} 的形状不是由非负整数组成的列表：{shape!r}</translation>
    </message>
    <message>
      <source>{what} has {count} dimensions, more than NumPy's {limit}</source>
      <translation>{what} 有 {count} 个维度，超过了 NumPy 的上限 {limit}</translation>
    </message>
    <message>
      <source>{what} has data_offsets that are not two non-negative integers: {offsets!r}</source>
      <translation>{what} 的 data_offsets 不是两个非负整数：{offsets!r}</translation>
    </message>
    <message>
      <source>{what} has data_offsets {offsets} that end before they begin</source>
      <translation>{what} 的 data_offsets {offsets} 结束位置在起始位置之前</translation>
    </message>
    <message>
      <source>{what} has data_offsets {offsets} spanning {span}, but shape {shape} of {code} needs {needed}</source>
      <translation>{what} 的 data_offsets {offsets} 覆盖 {span}，但形状为 {shape}、dtype 为 {code} 的张量需要 {needed}</translation>
    </message>
    <message>
      <source>the data section has {n} trailing byte that no tensor covers</source>
      <translation>数据区末尾有 {n} 个字节不属于任何张量</translation>
    </message>
    <message>
      <source>the data section has {n} trailing bytes that no tensor covers</source>
      <translation>数据区末尾有 {n} 个字节不属于任何张量</translation>
    </message>
    <message>
      <source>the safetensors library refuses these tensors, for a reason LSTM Studio does not check</source>
      <translation>safetensors 库拒绝写出这些张量，原因不在 LSTM Studio 的检查之列</translation>
    </message>
    <message>
      <source>tensor name {name!r} is not a non-empty string</source>
      <translation>张量名称 {name!r} 不是非空字符串</translation>
    </message>
    <message>
      <source>tensor name {name!r} is reserved for the metadata</source>
      <translation>张量名称 {name!r} 保留给元数据使用</translation>
    </message>
    <message>
      <source>tensor {name!r} is {kind}, not a NumPy array (use numpy.asarray)</source>
      <translation>张量 {name!r} 是 {kind}，不是 NumPy 数组（请用 numpy.asarray）</translation>
    </message>
    <message>
      <source>tensor {name!r} has dtype {dtype}, which safetensors files here cannot hold; supported: {supported}</source>
      <translation>张量 {name!r} 的数据类型是 {dtype}，本程序写出的 safetensors 文件不支持该类型；支持的类型：{supported}</translation>
    </message>
    <message>
      <source>metadata key {key!r} is not a string</source>
      <translation>元数据的键 {key!r} 不是字符串</translation>
    </message>
    <message>
      <source>metadata {key!r} has a value of {kind}, not a string</source>
      <translation>元数据 {key!r} 的值是 {kind}，不是字符串</translation>
    </message>
    <message>
      <source>{what} cannot be encoded as UTF-8 ({reason})</source>
      <translation>{what} 无法编码为 UTF-8（{reason}）</translation>
    </message>
    <message>
      <source>cannot read safetensors file {path!r}: {problem}</source>
      <translation>无法读取 safetensors 文件 {path!r}：{problem}</translation>
    </message>
    <message>
      <source>the safetensors library refuses it, for a reason LSTM Studio does not check</source>
      <translation>safetensors 库拒绝读取它，原因不在 LSTM Studio 的检查之列</translation>
    </message>
    <message>
      <source>BOOL tensor {name!r} holds bytes other than 0 and 1</source>
      <translation>BOOL 张量 {name!r} 含有 0 和 1 以外的字节</translation>
    </message>
    <message>
      <source>the header is not UTF-8 text (bad byte at offset {offset})</source>
      <translation>文件头不是 UTF-8 文本（偏移 {offset} 处有错误字节）</translation>
    </message>
    <message>
      <source>the header is not valid JSON: {problem}</source>
      <translation>文件头不是有效的 JSON：{problem}</translation>
    </message>
    <message>
      <source>the header is not valid JSON: {kind}: {detail}</source>
      <translation>文件头不是有效的 JSON：{kind}：{detail}</translation>
    </message>
    <message>
      <source>{metadata} {key!r} is a JSON {kind}, not a string</source>
      <translation>{metadata} {key!r} 是 JSON {kind}，不是字符串</translation>
    </message>
    <message>
      <source>{what} has no {field!r} field</source>
      <translation>{what} 没有 {field!r} 字段</translation>
    </message>
    <message>
      <source>tensor {name!r} has data_offsets [{begin}, {end}], out of range of the {size}-byte data section (the file is truncated?)</source>
      <translation>张量 {name!r} 的 data_offsets [{begin}, {end}] 超出了 {size} 字节的数据区（文件被截断了？）</translation>
    </message>
    <message>
      <source>tensors {first!r} and {second!r} have overlapping data_offsets</source>
      <translation>张量 {first!r} 和 {second!r} 的 data_offsets 相互重叠</translation>
    </message>
    <message>
      <source>the data section has a gap of {gap} that no tensor covers, before tensor {name!r}</source>
      <translation>数据区在张量 {name!r} 之前有 {gap} 的空隙，不属于任何张量</translation>
    </message>
    <message>
      <source>the header has the key {key!r} twice</source>
      <translation>文件头中键 {key!r} 出现了两次</translation>
    </message>
    <message>
      <source>tensor {name!r} has shape {shape}, which NumPy rejects: {detail}</source>
      <translation>张量 {name!r} 的形状是 {shape}，NumPy 无法接受：{detail}</translation>
    </message>
  </context>
  <context>
    <name>weights</name>
    <message>
      <source>the file holds a one-directional {cell}, this model is bidirectional</source>
      <translation>文件里是单向的 {cell}，这个模型是双向的</translation>
    </message>
    <message>
      <source>the file was trained on “{task}”, with {inputs} and {outputs} per step; this model's task, “{mine}”, has {model_inputs} and {model_outputs}</source>
      <translation>该文件是在任务“{task}”上训练的，每步有 {inputs}、{outputs}；当前模型的任务“{mine}”每步有 {model_inputs}、{model_outputs}</translation>
    </message>
    <message>
      <source>the file holds one-directional weights, this model is bidirectional</source>
      <translation>文件里是单向模型的权重，这个模型是双向的</translation>
    </message>
    <message>
      <source>the file holds a bidirectional {cell}, this model is one-directional</source>
      <translation>文件里是双向的 {cell}，这个模型是单向的</translation>
    </message>
    <message>
      <source>the file was trained on “{task}”, with {inputs} and {outputs} per step; this model has {model_inputs} and {model_outputs}</source>
      <translation>该文件是在任务“{task}”上训练的，每步有 {inputs}、{outputs}；当前模型每步有 {model_inputs}、{model_outputs}</translation>
    </message>
    <message>
      <source>missing {names}</source>
      <translation>缺少以下参数：{names}</translation>
    </message>
    <message>
      <source>not in the model: {names}</source>
      <translation>模型中没有以下参数：{names}</translation>
    </message>
    <message>
      <source>the file holds bidirectional weights, this model is one-directional</source>
      <translation>文件里是双向模型的权重，这个模型是单向的</translation>
    </message>
    <message>
      <source>{n} input</source>
      <translation>{n} 个输入</translation>
    </message>
    <message>
      <source>{n} inputs</source>
      <translation>{n} 个输入</translation>
    </message>
    <message>
      <source>{n} output</source>
      <translation>{n} 个输出</translation>
    </message>
    <message>
      <source>{n} outputs</source>
      <translation>{n} 个输出</translation>
    </message>
    <message>
      <source>{name}: cannot be read ({why})</source>
      <translation>{name}：无法读取（{why}）</translation>
    </message>
    <message>
      <source>the file holds a {theirs}; the model is a {mine}</source>
      <translation>文件中的权重属于 {theirs}；而当前模型是 {mine}</translation>
    </message>
    <message>
      <source>{name} is {shape}, the model needs {needed}</source>
      <translation>{name} 的形状是 {shape}，模型需要 {needed}</translation>
    </message>
    <message>
      <source>{name}: the suffix names no weights format; use one of {suffixes}</source>
      <translation>{name}：后缀不对应任何权重格式；请使用以下之一：{suffixes}</translation>
    </message>
    <message>
      <source>{name} holds NaN or Inf</source>
      <translation>{name} 含有 NaN 或 Inf</translation>
    </message>
    <message>
      <source>an ONNX export needs the model the weights belong to</source>
      <translation>导出 ONNX 需要这些权重所属的模型</translation>
    </message>
    <message>
      <source>{name}: not a weights file LSTM Studio reads ({suffixes})</source>
      <translation>{name}：不是 LSTM Studio 能读取的权重文件（{suffixes}）</translation>
    </message>
  </context>
  <context>
    <name>paths</name>
    <message>
      <source>the resource {name} is missing from {folder}; reinstall LSTM Studio (pip install -e . in its source folder)</source>
      <translation>{folder} 中缺少资源 {name}；请重新安装 LSTM Studio（在源代码文件夹中运行 pip install -e .）</translation>
    </message>
  </context>
  <context>
    <name>reading</name>
    <message>
      <source>it is not a regular file; only files can be read</source>
      <translation>它不是普通文件；只能读取文件</translation>
    </message>
    <message>
      <source>{path}: {reason}</source>
      <translation>{path}：{reason}</translation>
    </message>
    <message>
      <source>it is a named pipe (FIFO), not a file; only files can be read</source>
      <translation>它是命名管道（FIFO），不是文件；只能读取文件</translation>
    </message>
    <message>
      <source>it is a device, not a file; only files can be read</source>
      <translation>它是设备，不是文件；只能读取文件</translation>
    </message>
    <message>
      <source>it is a socket, not a file; only files can be read</source>
      <translation>它是套接字，不是文件；只能读取文件</translation>
    </message>
  </context>
  <context>
    <name>task-listing</name>
    <message>
      <source>{name} = {default!r}  ({range}): {help}</source>
      <translation>{name} = {default!r}（{range}）：{help}</translation>
    </message>
    <message>
      <source>str</source>
      <translation>文本</translation>
    </message>
    <message>
      <source>bool</source>
      <translation>布尔值</translation>
    </message>
    <message>
      <source>int</source>
      <translation>整数</translation>
    </message>
    <message>
      <source>float</source>
      <translation>实数</translation>
    </message>
    <message>
      <source>mse</source>
      <translation>均方误差</translation>
    </message>
    <message>
      <source>bce</source>
      <translation>二元交叉熵</translation>
    </message>
    <message>
      <source>cross_entropy</source>
      <translation>交叉熵</translation>
    </message>
    <message>
      <source>{key}: {title}</source>
      <translation>{key}：{title}</translation>
    </message>
    <message>
      <source>in: {input}; out: {output}</source>
      <translation>输入：{input}；输出：{output}</translation>
    </message>
    <message>
      <source>loss: {loss}; scored: {scored}</source>
      <translation>损失：{loss}；计分：{scored}</translation>
    </message>
    <message>
      <source>solved when: {criterion}</source>
      <translation>学会条件：{criterion}</translation>
    </message>
    <message>
      <source>parameters:</source>
      <translation>参数：</translation>
    </message>
    <message>
      <source>preset: {setup}</source>
      <translation>预设：{setup}</translation>
    </message>
    <message>
      <source>(none)</source>
      <translation>（无）</translation>
    </message>
    <message>
      <source>{csv_loss} for a CSV, {text_loss} for a text</source>
      <translation>CSV 用{csv_loss}，文本用{text_loss}</translation>
    </message>
  </context>
  <context>
    <name>task-params</name>
    <message>
      <source>{task} parameter {name!r}</source>
      <translation>任务 {task} 的参数 {name!r}</translation>
    </message>
    <message>
      <source>parameter {name!r}</source>
      <translation>参数 {name!r}</translation>
    </message>
    <message>
      <source>{where} must be true or false, got {value!r}</source>
      <translation>{where} 必须是 true 或 false，实际为 {value!r}</translation>
    </message>
    <message>
      <source>{where} must be in {low:g} .. {high:g}, got {value}</source>
      <translation>{where} 必须在 {low:g} .. {high:g} 之间，实际为 {value}</translation>
    </message>
    <message>
      <source>task {task!r} has no parameter {name!r}; its parameters are {names}</source>
      <translation>任务 {task!r} 没有参数 {name!r}；可用的参数：{names}</translation>
    </message>
    <message>
      <source>{where} must be text, got {value!r}</source>
      <translation>{where} 必须是文本，实际为 {value!r}</translation>
    </message>
    <message>
      <source>{where} must be a whole number, got {value!r}</source>
      <translation>{where} 必须是整数，实际为 {value!r}</translation>
    </message>
    <message>
      <source>{where} must be a number, got {value!r}</source>
      <translation>{where} 必须是数字，实际为 {value!r}</translation>
    </message>
    <message>
      <source>{where} must be finite, got {value}</source>
      <translation>{where} 必须是有限的数，实际为 {value}</translation>
    </message>
    <message>
      <source>none</source>
      <translation>无</translation>
    </message>
    <message>
      <source>echo parameter 'targets' must hold 1 to 50 numbers, got {n}</source>
      <translation>echo 的参数 'targets'（目标值）必须包含 1 到 50 个数，实际为 {n} 个</translation>
    </message>
    <message>
      <source>echo parameter 'targets' must be numbers in -10 .. 10, got {text!r}</source>
      <translation>echo 的参数 'targets'（目标值）必须是 -10 .. 10 之间的数，实际为 {text!r}</translation>
    </message>
    <message>
      <source>next-prime: there are {n} primes below {limit}, a window of {window} needs at least {need}; raise 'limit' or lower 'window'</source>
      <translation>next-prime：小于 {limit} 的质数只有 {n} 个，而窗口为 {window} 时至少需要 {need} 个；请增大 'limit'（上限）或减小 'window'（窗口）</translation>
    </message>
    <message>
      <source>sin-to-cos: min_speed ({low}) is above max_speed ({high})</source>
      <translation>sin-to-cos：min_speed（最小速度，{low}）大于 max_speed（最大速度，{high}）</translation>
    </message>
    <message>
      <source>sin-to-cos: warmup ({warmup}) must be below steps ({steps})</source>
      <translation>sin-to-cos：warmup（预热，{warmup}）必须小于 steps（序列长度，{steps}）</translation>
    </message>
    <message>
      <source>echo parameter 'targets' must be numbers separated by commas, got {text!r}</source>
      <translation>echo 的参数 'targets'（目标值）必须是以逗号分隔的数，实际为 {text!r}</translation>
    </message>
    <message>
      <source>the corpus</source>
      <translation>该语料</translation>
    </message>
    <message>
      <source>{what} has {n:,} different characters, {over:,} more than the {limit:,} a text can have here (each one is an input and an output of the network): use a text with fewer different characters</source>
      <translation>{what} 有 {n:,} 种不同的字符，比这里一篇文本最多可有的 {limit:,} 种多 {over:,} 种（每种字符都是网络的一个输入和一个输出）：请改用字符种类较少的文本</translation>
    </message>
    <message>
      <source>{what} has fewer than 2 different characters: nothing to predict</source>
      <translation>{what} 中不同的字符少于 2 个：没有可预测的内容</translation>
    </message>
    <message>
      <source>{what} has {n} characters; sequences of {steps} need at least {need} (a tenth is held out)</source>
      <translation>{what} 有 {n} 个字符；长度为 {steps} 的序列至少需要 {need} 个字符（其中十分之一用作留出集）</translation>
    </message>
    <message>
      <source>the prompt has characters the text never uses: {chars}</source>
      <translation>提示中含有训练文本里从未出现的字符：{chars}</translation>
    </message>
    <message>
      <source>length must be a non-negative whole number, got {length!r}</source>
      <translation>长度必须是非负整数，实际为 {length!r}</translation>
    </message>
    <message>
      <source>temperature must be 0 or more, got {temperature!r}</source>
      <translation>温度必须大于或等于 0，实际为 {temperature!r}</translation>
    </message>
  </context>
  <context>
    <name>probe</name>
    <message>
      <source>{letter!r} is not one of the {n} symbols A .. {last}</source>
      <translation>{letter!r} 不是 {n} 个符号 A .. {last} 之一</translation>
    </message>
    <message>
      <source>type exactly {count} symbols (letters A .. {last}), got {n}</source>
      <translation>请正好输入 {count} 个符号（字母 A .. {last}），现在是 {n} 个</translation>
    </message>
    <message>
      <source>{task} has no sequence of your own to try</source>
      <translation>“{task}”没有可以自己输入的序列</translation>
    </message>
    <message>
      <source>{task} has no probe field {name!r}; its fields are {names}</source>
      <translation>“{task}”没有探针字段 {name!r}；它的字段是 {names}</translation>
    </message>
    <message>
      <source>rows {first} .. {last} are {n} rows; choose 2 to {limit:,}</source>
      <translation>第 {first} .. {last} 行共 {n} 行；请选 2 到 {limit:,} 行</translation>
    </message>
    <message>
      <source>type 2 to 100 primes, got {n}</source>
      <translation>请输入 2 到 100 个素数，现在是 {n} 个</translation>
    </message>
    <message>
      <source>the prime after {p} is not below the task's limit, {limit}: the network could not be scored on it; end the window earlier</source>
      <translation>{p} 之后的素数不小于任务的上限 {limit}：无法给网络的预测打分；请让窗口早一点结束</translation>
    </message>
    <message>
      <source>{p} is not below the task's limit, {limit}</source>
      <translation>{p} 不小于任务的上限 {limit}</translation>
    </message>
    <message>
      <source>{p} is not a prime</source>
      <translation>{p} 不是素数</translation>
    </message>
    <message>
      <source>{p} does not follow {q}: the primes must be consecutive (the next prime after {q} is {r})</source>
      <translation>{p} 不紧跟在 {q} 之后：素数必须是连续的（{q} 之后的下一个素数是 {r}）</translation>
    </message>
    <message>
      <source>{item!r} is not a whole number</source>
      <translation>{item!r} 不是整数</translation>
    </message>
    <message>
      <source>type some text: the prompt is empty</source>
      <translation>请输入一些文字：提示为空</translation>
    </message>
    <message>
      <source>type at least 2 characters: the network's guess of the second is the first one scored</source>
      <translation>请至少输入 2 个字符：网络对第二个字符的猜测是第一个被打分的</translation>
    </message>
    <message>
      <source>the prompt has {n:,} characters; at most {limit:,} are shown</source>
      <translation>提示有 {n:,} 个字符；最多显示 {limit:,} 个</translation>
    </message>
  </context>
  <context>
    <name>datafiles</name>
    <message>
      <source>spaces</source>
      <translation>空格</translation>
    </message>
    <message>
      <source>{name}: line {line}, column {column}: {cell} is not a number</source>
      <translation>{name}：第 {line} 行第 {column} 列：{cell} 不是数字</translation>
    </message>
    <message>
      <source>column {n}</source>
      <translation>第 {n} 列</translation>
    </message>
    <message>
      <source>at least {min_rows} is needed</source>
      <translation>至少需要 {min_rows} 行</translation>
    </message>
    <message>
      <source>at least {min_rows} are needed</source>
      <translation>至少需要 {min_rows} 行</translation>
    </message>
    <message>
      <source>{has}; {needed}</source>
      <translation>{has}；{needed}</translation>
    </message>
    <message>
      <source>{n} byte</source>
      <translation>{n} 字节</translation>
    </message>
    <message>
      <source>{n} bytes</source>
      <translation>{n} 字节</translation>
    </message>
    <message>
      <source>{name} is a folder, not a file ({path})</source>
      <translation>{name} 是文件夹，不是文件（{path}）</translation>
    </message>
    <message>
      <source>{name} was not found: there is no file at {path}</source>
      <translation>找不到 {name}：{path} 处没有文件</translation>
    </message>
    <message>
      <source>{name} can't be read: {reason} ({path})</source>
      <translation>无法读取 {name}：{reason}（{path}）</translation>
    </message>
    <message>
      <source>{name} is too big: {size}, and files up to {limit} can be used; use a shorter part of it</source>
      <translation>{name} 太大（{size}），最多只能使用 {limit} 的文件；请只取其中较短的一部分</translation>
    </message>
    <message>
      <source>a NUL byte (0x00), which text files never contain</source>
      <translation>一个空字节（0x00），文本文件中不会有这种字节</translation>
    </message>
    <message>
      <source>the byte 0x{byte:02X}, which is not valid UTF-8</source>
      <translation>字节 0x{byte:02X}（不是有效的 UTF-8）</translation>
    </message>
    <message>
      <source>it looks like UTF-16 text; save it as UTF-8 instead</source>
      <translation>它看起来是 UTF-16 文本；请改存为 UTF-8</translation>
    </message>
    <message>
      <source>save it as UTF-8 text</source>
      <translation>请将它另存为 UTF-8 文本</translation>
    </message>
    <message>
      <source>{name} is not a text file (or not UTF-8): at byte offset {offset} (line {line}) there is {what}; {hint}</source>
      <translation>{name} 不是文本文件（或不是 UTF-8 编码）：在字节偏移 {offset} 处（第 {line} 行）有{what}；{hint}</translation>
    </message>
    <message>
      <source>commas</source>
      <translation>逗号</translation>
    </message>
    <message>
      <source>semicolons</source>
      <translation>分号</translation>
    </message>
    <message>
      <source>tabs</source>
      <translation>制表符</translation>
    </message>
    <message>
      <source>{name}: line {line}, column {column} is empty (a missing value); a training set can't have gaps, so fill it in or remove the row</source>
      <translation>{name}：第 {line} 行第 {column} 列是空的（缺失值）；训练集不能有空缺，请填上它或删除这一行</translation>
    </message>
    <message>
      <source>{message} (numbers can't have thousands separators: write {plain}; if the comma is a decimal point, write {decimal})</source>
      <translation>{message}（数字不能带千位分隔符：请写成 {plain}；如果逗号是小数点，请写成 {decimal}）</translation>
    </message>
    <message>
      <source>{name}: line {line}, column {column}: {cell} is not a finite number; a training set can't hold NaN or infinity, so fill in or remove that value</source>
      <translation>{name}：第 {line} 行第 {column} 列：{cell} 不是有限的数；训练集不能包含 NaN 或无穷大，请填上或删除这个值</translation>
    </message>
    <message>
      <source>{name} has {n} data row</source>
      <translation>{name} 有 {n} 行数据</translation>
    </message>
    <message>
      <source>{name} has {n} data rows</source>
      <translation>{name} 有 {n} 行数据</translation>
    </message>
    <message>
      <source>{name}: line {line} is {n:,} characters long, more than the {limit:,} a line of a CSV can have here (a CSV has one row of numbers per line)</source>
      <translation>{name}：第 {line} 行长 {n:,} 个字符，超过了 CSV 一行在这里最多可有的 {limit:,} 个（CSV 每行是一行数字）</translation>
    </message>
    <message>
      <source>{message} (or the line ends with one of the {delimiters} too many)</source>
      <translation>{message}（或者该行末尾多了一个{delimiters}）</translation>
    </message>
    <message>
      <source>{message} (numbers can't have thousands separators: write {plain})</source>
      <translation>{message}（数字不能带千位分隔符：请写成 {plain}）</translation>
    </message>
    <message>
      <source>{name} has 0 data rows (only a header line)</source>
      <translation>{name} 有 0 行数据（只有一个表头行）</translation>
    </message>
    <message>
      <source>{name}: line {line} has {n:,} columns, more than the {limit:,} a CSV can have here (each column is an input and an output of the network): keep the columns to learn from</source>
      <translation>{name}：第 {line} 行有 {n:,} 列，超过了 CSV 在这里最多可有的 {limit:,} 列（每一列都是网络的一个输入和一个输出）：只保留要学习的列</translation>
    </message>
    <message>
      <source>{name} is too short: it has {n} character, and at least {min_chars} are needed</source>
      <translation>{name} 太短：它只有 {n} 个字符，而至少需要 {min_chars} 个</translation>
    </message>
    <message>
      <source>{name} is too short: it has {n} characters, and at least {min_chars} are needed</source>
      <translation>{name} 太短：它只有 {n} 个字符，而至少需要 {min_chars} 个</translation>
    </message>
    <message>
      <source>{name} can't be read: permission denied (check who may read {path})</source>
      <translation>无法读取 {name}：没有权限（请检查谁可以读取 {path}）</translation>
    </message>
    <message>
      <source>{message} (write decimals with a point, like 1.5, not a comma)</source>
      <translation>{message}（小数请用小数点，如 1.5，而不是逗号）</translation>
    </message>
    <message>
      <source>{name} is empty: it has no numbers, only blank lines or # comments</source>
      <translation>{name} 是空的：它没有数字，只有空行或 # 注释</translation>
    </message>
    <message>
      <source>{name} is empty</source>
      <translation>{name} 是空的</translation>
    </message>
    <message>
      <source>{name}: line {line} (the header) has {count} name, expected {expected} like line {first}</source>
      <translation>{name}：第 {line} 行（表头）有 {count} 个名称，应与第 {first} 行一样有 {expected} 个</translation>
    </message>
    <message>
      <source>{name}: line {line} (the header) has {count} names, expected {expected} like line {first}</source>
      <translation>{name}：第 {line} 行（表头）有 {count} 个名称，应与第 {first} 行一样有 {expected} 个</translation>
    </message>
    <message>
      <source>{name} is empty (it holds only whitespace)</source>
      <translation>{name} 是空的（只有空白字符）</translation>
    </message>
    <message>
      <source>{message} (a date or a time is not a number the network can use: delete that column and keep the rows in time order)</source>
      <translation>{message}（日期或时间不是网络能用的数：请删除这一列，并让各行保持时间顺序）</translation>
    </message>
    <message>
      <source>{name}: line {line} has {count} value, expected {expected} like line {first}</source>
      <translation>{name}：第 {line} 行有 {count} 个值，应与第 {first} 行一样有 {expected} 个</translation>
    </message>
    <message>
      <source>{name}: line {line} has {count} values, expected {expected} like line {first}</source>
      <translation>{name}：第 {line} 行有 {count} 个值，应与第 {first} 行一样有 {expected} 个</translation>
    </message>
    <message>
      <source>{task} parameter {param!r} must name a CSV or text file</source>
      <translation>任务 {task} 的参数 {param!r}（路径）必须指向一个 CSV 或文本文件</translation>
    </message>
    <message>
      <source>{name}: the value {value:g} (data row {row}, column {column}) is too large to train on: values must lie within ±{limit:g}; rescale the column (other units, or a logarithm)</source>
      <translation>{name}：数值 {value:g}（第 {row} 个数据行，列 {column}）太大，无法用于训练：数值必须在 ±{limit:g} 之内；请缩放这一列（换一种单位，或取对数）</translation>
    </message>
    <message>
      <source>{message} (windows of steps={steps} rows, and a fifth of the rows is held out; lower 'steps')</source>
      <translation>{message}（每个窗口 steps={steps} 行，且五分之一的行用作留出集；请减小序列长度 'steps'）</translation>
    </message>
  </context>
  <context>
    <name>features</name>
    <message>
      <source>inside quotes</source>
      <translation>引号之内</translation>
    </message>
    <message>
      <source>inside brackets</source>
      <translation>括号之内</translation>
    </message>
    <message>
      <source>position in the line</source>
      <translation>在行中的位置</translation>
    </message>
    <message>
      <source>position in the word</source>
      <translation>在词中的位置</translation>
    </message>
    <message>
      <source>after a space</source>
      <translation>空格之后</translation>
    </message>
    <message>
      <source>vowel</source>
      <translation>元音字母</translation>
    </message>
    <message>
      <source>punctuation</source>
      <translation>标点</translation>
    </message>
    <message>
      <source>position in the line of verse</source>
      <translation>在诗句中的位置</translation>
    </message>
    <message>
      <source>after ，</source>
      <translation>“，”之后</translation>
    </message>
    <message>
      <source>after 。</source>
      <translation>“。”之后</translation>
    </message>
    <message>
      <source>between ， and 。</source>
      <translation>“，”与“。”之间</translation>
    </message>
    <message>
      <source>1 from an opening quotation mark (" “ 「 『) up to the character before its closing one, else 0</source>
      <translation>从左引号（" “ 「 『）起到其右引号之前的字符为 1，其余为 0</translation>
    </message>
    <message>
      <source>1 from an opening bracket — ( [ {{ （ 【 《 — up to the character before its closing one, else 0</source>
      <translation>从左括号（( [ {{ （ 【 《）起到其右括号之前的字符为 1，其余为 0</translation>
    </message>
    <message>
      <source>how many characters have been read since the last line break (the break itself: 0)</source>
      <translation>自上一个换行符以来读过的字符数（换行符本身为 0）</translation>
    </message>
    <message>
      <source>how many characters have been read since the last space or line break</source>
      <translation>自上一个空格或换行符以来读过的字符数</translation>
    </message>
    <message>
      <source>1 when the character just read is a space (a word begins next)</source>
      <translation>刚读到的字符是空格时为 1（下一个字符开始一个新词）</translation>
    </message>
    <message>
      <source>1 when the character just read is a, e, i, o or u (either case)</source>
      <translation>刚读到的字符是 a、e、i、o 或 u（不分大小写）时为 1</translation>
    </message>
    <message>
      <source>1 when the character just read is a punctuation mark</source>
      <translation>刚读到的字符是标点符号时为 1</translation>
    </message>
    <message>
      <source>how many characters have been read since the last punctuation mark or line break: 1 to 5 or 7 along a line of classical verse</source>
      <translation>自上一个标点或换行符以来读过的字符数：在一句五言或七言诗中从 1 数到 5 或 7</translation>
    </message>
    <message>
      <source>1 when the character just read is ，</source>
      <translation>刚读到的字符是“，”时为 1</translation>
    </message>
    <message>
      <source>1 when the character just read is 。</source>
      <translation>刚读到的字符是“。”时为 1</translation>
    </message>
    <message>
      <source>1 after a ， until the next 。 or line break: the second line of a couplet</source>
      <translation>从“，”之后到下一个“。”或换行符为 1：即一联中的下句</translation>
    </message>
  </context>
  <context>
    <name>training</name>
    <message>
      <source>not a Control setting: {key!r}</source>
      <translation>不是可调整的训练设置：{key!r}</translation>
    </message>
    <message>
      <source>stopped at step {step}</source>
      <translation>在第 {step} 步停止</translation>
    </message>
    <message>
      <source>{names} and {n:,} more</source>
      <translation>{names}，另有 {n:,} 个</translation>
    </message>
    <message>
      <source>finished {step} step</source>
      <translation>已完成 {step} 步</translation>
    </message>
    <message>
      <source>finished {step} steps</source>
      <translation>已完成 {step} 步</translation>
    </message>
    <message>
      <source>solved at step {step}</source>
      <translation>在第 {step} 步学会</translation>
    </message>
    <message>
      <source>diverged at step {step}: loss {loss:.4g}, gradient norm {grad_norm:.4g}; the weights are those after step {last}</source>
      <translation>在第 {step} 步发散：损失 {loss:.4g}，梯度范数 {grad_norm:.4g}；权重保留为第 {last} 步之后的值</translation>
    </message>
    <message>
      <source>its weights do not fit the model its description gives ({model}): {problems}</source>
      <translation>其中的权重与其描述所给的模型（{model}）不符：{problems}</translation>
    </message>
    <message>
      <source>weights imported at step {step}</source>
      <translation>已在第 {step} 步导入权重</translation>
    </message>
    <message>
      <source>missing {names}</source>
      <translation>缺少以下参数：{names}</translation>
    </message>
    <message>
      <source>not in the model: {names}</source>
      <translation>模型中没有以下参数：{names}</translation>
    </message>
    <message>
      <source>{name} has shape {shape}, the model needs {needed}</source>
      <translation>{name} 的形状为 {shape}，模型需要 {needed}</translation>
    </message>
    <message>
      <source>{n:,} more</source>
      <translation>另有 {n:,} 个</translation>
    </message>
    <message>
      <source>the probe must be a table of values</source>
      <translation>探针必须是一组字段值</translation>
    </message>
    <message>
      <source>there is not enough memory for this run: use fewer hidden units, layers or a smaller batch, or close other programs</source>
      <translation>内存不足，无法进行这次运行：请减少隐藏单元数或层数、减小批大小，或关闭其他程序</translation>
    </message>
  </context>
  <context>
    <name>compare</name>
    <message>
      <source>finished its only run</source>
      <translation>唯一的一次运行已完成</translation>
    </message>
    <message>
      <source>finished all {total} runs</source>
      <translation>全部 {total} 次运行已完成</translation>
    </message>
    <message>
      <source>{what} needs a list of cell names, got {cells!r}</source>
      <translation>{what}需要一个单元类型名称的列表，实际为 {cells!r}</translation>
    </message>
    <message>
      <source>{what} needs at least {low} cell, got {n}</source>
      <translation>{what}至少需要 {low} 种单元类型，实际为 {n} 种</translation>
    </message>
    <message>
      <source>{what} needs at least {low} cells, got {n}</source>
      <translation>{what}至少需要 {low} 种单元类型，实际为 {n} 种</translation>
    </message>
    <message>
      <source>{what} takes at most {high} cells, got {n}</source>
      <translation>{what}最多只能有 {high} 种单元类型，实际为 {n} 种</translation>
    </message>
    <message>
      <source>{what} lists the cell {cell!r} more than once</source>
      <translation>{what}中单元类型 {cell!r} 出现了不止一次</translation>
    </message>
    <message>
      <source>a race</source>
      <translation>赛跑</translation>
    </message>
    <message>
      <source>stopped after {n} round</source>
      <translation>进行 {n} 轮后停止</translation>
    </message>
    <message>
      <source>stopped after {n} rounds</source>
      <translation>进行 {n} 轮后停止</translation>
    </message>
    <message>
      <source>a lag sweep needs a task with a lag ({tasks}); got {task!r}</source>
      <translation>滞后扫描需要带滞后参数的任务（{tasks}）；实际为 {task!r}</translation>
    </message>
    <message>
      <source>a lag sweep</source>
      <translation>滞后扫描</translation>
    </message>
    <message>
      <source>unknown cell {cell!r}; the cells are {cells}</source>
      <translation>未知的单元类型 {cell!r}；可用的单元类型：{cells}</translation>
    </message>
    <message>
      <source>the race's {n} cells together would need about {need} of memory, {over} more than the limit of {limit}: race fewer cells, or use fewer hidden units, a smaller batch or shorter sequences</source>
      <translation>赛跑中的 {n} 种单元类型合计约需 {need} 内存，比 {limit} 的上限多 {over}：请减少参赛的单元类型，或减少隐藏单元数、减小批大小或缩短序列</translation>
    </message>
    <message>
      <source>this race has already run; build a new Race to race again</source>
      <translation>这场赛跑已经跑完；要再赛一次，请新建一场赛跑</translation>
    </message>
    <message>
      <source>lags must be a non-empty list of whole numbers, got {lags!r}</source>
      <translation>滞后步数必须是一个非空的整数列表，实际为 {lags!r}</translation>
    </message>
    <message>
      <source>this sweep has already run; build a new LagSweep to run again</source>
      <translation>这次扫描已经运行完；要再运行一次，请新建一次滞后扫描</translation>
    </message>
    <message>
      <source>; </source>
      <translation>；</translation>
    </message>
    <message>
      <source>{cell}: {message}</source>
      <translation>{cell}：{message}</translation>
    </message>
    <message>
      <source>lags must be whole numbers, got {lag!r}</source>
      <translation>滞后步数必须是整数，实际为 {lag!r}</translation>
    </message>
    <message>
      <source>lag {lag} is outside the range of the {param!r} parameter ({low} .. {high})</source>
      <translation>滞后步数 {lag} 超出了参数 {param!r} 的范围（{low} .. {high}）</translation>
    </message>
    <message>
      <source>lag {lag} is listed more than once</source>
      <translation>滞后步数 {lag} 出现了不止一次</translation>
    </message>
    <message>
      <source>stopped after {done} of {total} run; the run of {cell} at {param} {lag} was abandoned</source>
      <translation>在完成 {done} / {total} 次运行后停止；{cell} 在{param}为 {lag} 时的运行已放弃</translation>
    </message>
    <message>
      <source>stopped after {done} of {total} runs; the run of {cell} at {param} {lag} was abandoned</source>
      <translation>在完成 {done} / {total} 次运行后停止；{cell} 在{param}为 {lag} 时的运行已放弃</translation>
    </message>
    <message>
      <source>the sweep's longest run, {cell} at {param} {lag}, is too large: {problem}, or leave out the longest lags</source>
      <translation>滞后扫描中最长的一次运行（{cell}，{param}为 {lag}）太大：{problem}，或去掉最长的几个滞后步数</translation>
    </message>
  </context>
  <context>
    <name>config</name>
    <message>
      <source>{n:.0f} kB</source>
      <translation>{n:.0f} kB</translation>
    </message>
    <message>
      <source>a bidirectional network cannot train on {task}: this task asks for the next element, which is already among the inputs that come later, and a network that also reads the sequence backwards (from the future) would copy the next input instead of predicting it; turn bidirectional off</source>
      <translation>双向网络不能在 {task} 上训练：这个任务要求给出下一个元素，而它就在后面的输入之中；一个也反向（从未来）读序列的网络会直接照抄下一个输入，而不是去预测它；请关闭双向选项</translation>
    </message>
    <message>
      <source>{cell}, {layers} of {units}</source>
      <translation>{cell}，{layers}、每层 {units}</translation>
    </message>
    <message>
      <source>{n:.1f} GB</source>
      <translation>{n:.1f} GB</translation>
    </message>
    <message>
      <source>{n:.0f} MB</source>
      <translation>{n:.0f} MB</translation>
    </message>
    <message>
      <source>a list</source>
      <translation>一个数组</translation>
    </message>
    <message>
      <source>a string</source>
      <translation>一个字符串</translation>
    </message>
    <message>
      <source>a boolean (true or false)</source>
      <translation>一个布尔值（true 或 false）</translation>
    </message>
    <message>
      <source>a number</source>
      <translation>一个数字</translation>
    </message>
    <message>
      <source>{n} layer</source>
      <translation>{n} 层</translation>
    </message>
    <message>
      <source>{n} layers</source>
      <translation>{n} 层</translation>
    </message>
    <message>
      <source>{n} unit</source>
      <translation>{n} 个隐藏单元</translation>
    </message>
    <message>
      <source>{n} units</source>
      <translation>{n} 个隐藏单元</translation>
    </message>
    <message>
      <source>bidirectional {cell}, {layers} of {units}</source>
      <translation>双向 {cell}，{layers}、每层 {units}</translation>
    </message>
    <message>
      <source>{name} must be in {low} .. {high}, got {value}</source>
      <translation>{name} 必须在 {low} .. {high} 之间，实际为 {value}</translation>
    </message>
    <message>
      <source>{name} must be a number, got {value!r}</source>
      <translation>{name} 必须是数字，实际为 {value!r}</translation>
    </message>
    <message>
      <source>{name} must be finite, got {value}</source>
      <translation>{name} 必须是有限的数，实际为 {value}</translation>
    </message>
    <message>
      <source>{name} must be above {low:g} and at most {high:g}, got {value:g}</source>
      <translation>{name} 必须大于 {low:g} 且不超过 {high:g}，实际为 {value:g}</translation>
    </message>
    <message>
      <source>{name} must be at least {low:g} and at most {high:g}, got {value:g}</source>
      <translation>{name} 必须不小于 {low:g} 且不超过 {high:g}，实际为 {value:g}</translation>
    </message>
    <message>
      <source>stop_when_solved must be true or false, got {value!r}</source>
      <translation>stop_when_solved 必须是 true 或 false，实际为 {value!r}</translation>
    </message>
    <message>
      <source>bidirectional must be true or false, got {value!r}</source>
      <translation>bidirectional 必须是 true 或 false，实际为 {value!r}</translation>
    </message>
    <message>
      <source>this run would need about {need} of memory, {over} more than the limit of {limit} ({model}; {inputs} and {outputs} per step; batches of {batch} sequences of {steps} steps): use fewer hidden units or layers, a smaller batch or fewer inputs</source>
      <translation>这次运行约需 {need} 内存，比 {limit} 的上限多 {over}（{model}；每步 {inputs}、{outputs}；每批 {batch} 条序列，每条 {steps} 步）：请减少隐藏单元数或层数、减小批大小或减少输入</translation>
    </message>
    <message>
      <source>{name} must be a whole number, got {value!r}</source>
      <translation>{name} 必须是整数，实际为 {value!r}</translation>
    </message>
    <message>
      <source>the config names {key!r} twice; keep one of them</source>
      <translation>配置中 {key!r} 出现了两次；请只保留一个</translation>
    </message>
    <message>
      <source>task_params must be a mapping, got {value!r}</source>
      <translation>task_params 必须是一个映射（名称 → 值），实际为 {value!r}</translation>
    </message>
    <message>
      <source>momentum applies to sgd only, not to {optimizer}</source>
      <translation>momentum（动量）只适用于 sgd，不适用于 {optimizer}</translation>
    </message>
    <message>
      <source>truncating BPTT every {k} steps is longer than this task's sequences ({length}): use 0 (full backpropagation through time) or a number from 1 to {steps}</source>
      <translation>每 {k} 步截断一次 BPTT 比这个任务的序列（{length}）还长：请用 0（完整的随时间反向传播）或 1 到 {steps} 之间的数</translation>
    </message>
    <message>
      <source>a config must be a JSON object, got {kind}</source>
      <translation>配置必须是一个 JSON 对象，实际为{kind}</translation>
    </message>
    <message>
      <source>config_version {version!r} is not supported (this version reads {known})</source>
      <translation>不支持 config_version {version!r}（本版本只能读取 {known}）</translation>
    </message>
    <message>
      <source>unknown config field {field!r}; the fields are {fields}</source>
      <translation>未知的配置字段 {field!r}；可用的字段：{fields}</translation>
    </message>
    <message>
      <source>task_params: task {task!r} has no parameter {key!r}; its parameters are {names}</source>
      <translation>task_params：任务 {task!r} 没有参数 {key!r}；可用的参数：{names}</translation>
    </message>
    <message>
      <source>{n} input</source>
      <translation>{n} 个输入</translation>
    </message>
    <message>
      <source>{n} inputs</source>
      <translation>{n} 个输入</translation>
    </message>
    <message>
      <source>{n} output</source>
      <translation>{n} 个输出</translation>
    </message>
    <message>
      <source>{n} outputs</source>
      <translation>{n} 个输出</translation>
    </message>
    <message>
      <source>the config is not valid JSON: {problem}</source>
      <translation>配置不是有效的 JSON：{problem}</translation>
    </message>
    <message>
      <source>the config is not valid JSON: nested too deeply</source>
      <translation>配置不是有效的 JSON：嵌套层数太深</translation>
    </message>
    <message>
      <source>{n} step</source>
      <translation>{n} 步</translation>
    </message>
    <message>
      <source>{n} steps</source>
      <translation>{n} 步</translation>
    </message>
    <message>
      <source>none</source>
      <translation>无</translation>
    </message>
  </context>
  <context>
    <name>units</name>
    <message>
      <source>which unit tracks what is shown for text tasks only</source>
      <translation>“哪个单元追踪什么”只适用于文本任务</translation>
    </message>
    <message>
      <source>the text to analyse needs at least 2 characters</source>
      <translation>要分析的文本至少需要 2 个字符</translation>
    </message>
  </context>
  <context>
    <name>json</name>
    <message>
      <source>{reason} (line {line}, column {column})</source>
      <translation>{reason}（第 {line} 行，第 {column} 列）</translation>
    </message>
    <message>
      <source>Expecting value</source>
      <translation>此处应有一个值</translation>
    </message>
    <message>
      <source>Expecting property name enclosed in double quotes</source>
      <translation>此处应有用双引号括起的属性名</translation>
    </message>
    <message>
      <source>Expecting ',' delimiter</source>
      <translation>此处应有分隔符 ','</translation>
    </message>
    <message>
      <source>Expecting ':' delimiter</source>
      <translation>此处应有分隔符 ':'</translation>
    </message>
    <message>
      <source>Extra data</source>
      <translation>有多余的数据</translation>
    </message>
    <message>
      <source>Unterminated string</source>
      <translation>字符串没有结束</translation>
    </message>
    <message>
      <source>Invalid control character</source>
      <translation>无效的控制字符</translation>
    </message>
    <message>
      <source>Invalid \escape</source>
      <translation>无效的 \ 转义</translation>
    </message>
    <message>
      <source>Invalid \uXXXX escape</source>
      <translation>无效的 \uXXXX 转义</translation>
    </message>
  </context>
  <context>
    <name>os</name>
    <message>
      <source>no such file or folder</source>
      <translation>文件或文件夹不存在</translation>
    </message>
    <message>
      <source>permission denied</source>
      <translation>没有权限</translation>
    </message>
    <message>
      <source>operation not permitted</source>
      <translation>不允许此操作</translation>
    </message>
    <message>
      <source>it is a folder</source>
      <translation>这是一个文件夹</translation>
    </message>
    <message>
      <source>a part of the path is not a folder</source>
      <translation>路径中有一部分不是文件夹</translation>
    </message>
    <message>
      <source>the disk is full</source>
      <translation>磁盘已满</translation>
    </message>
    <message>
      <source>the disk is read-only</source>
      <translation>磁盘是只读的</translation>
    </message>
    <message>
      <source>the name is too long</source>
      <translation>文件名太长</translation>
    </message>
    <message>
      <source>a read or write error of the disk</source>
      <translation>磁盘读写出错</translation>
    </message>
    <message>
      <source>a file of that name is in the way</source>
      <translation>已存在同名的文件</translation>
    </message>
  </context>
  <context>
    <name>export</name>
    <message>
      <source>the width must be 16 .. {most} pixels, got {width}</source>
      <translation>宽度必须在 16 .. {most} 像素之间，实际为 {width}</translation>
    </message>
    <message>
      <source>the PNG could not be encoded</source>
      <translation>无法编码 PNG 图像</translation>
    </message>
    <message>
      <source>{folder} is a file, not a folder</source>
      <translation>{folder} 是文件，不是文件夹</translation>
    </message>
    <message>
      <source>{name}: save as .png or .svg</source>
      <translation>{name}：请保存为 .png 或 .svg</translation>
    </message>
    <message>
      <source>cannot make the folder {folder} ({reason})</source>
      <translation>无法创建文件夹 {folder}（{reason}）</translation>
    </message>
  </context>
</TS>